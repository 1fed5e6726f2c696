// Asking on the terminal before a step that cannot be undone (`pipe gc`). A question is asked
// only with the facts it asks about in front of the user: under -q, which silences stdout, those
// lines go to stderr beside the question. (DVC's `gc -q` hides its warning and still asks; pipe
// does not ask about what it did not show.)
import { createInterface } from 'node:readline';
import { processOutput, stdoutSilenced } from '../reporters/output.js';

/** Where to print what a question is about: stdout, or stderr under -q. */
export function askedAbout(): (text: string) => void {
  return stdoutSilenced() ? processOutput.err : processOutput.out;
}

/** Asks on the terminal (on stderr); only `y` or `yes` (any case) agrees. End of input is a no. */
export function confirm(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    let answered = false;
    rl.on('close', () => {
      if (!answered) resolve(false);
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}
