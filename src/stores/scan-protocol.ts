// Slots of the shared Int32Array that a main thread and the scan worker use for one walk.
/** the next task index to claim (Atomics.add: whoever gets i < tasks.length scans task i) */
export const CTL_NEXT = 0;
/** 1 once the worker has claimed nothing more and posted its reply */
export const CTL_DONE = 1;
export const CTL_SLOTS = 2;
