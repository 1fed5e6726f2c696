// How much fine detail a grayscale image holds: the mean absolute 4-neighbour Laplacian over its
// interior pixels, per unit of the image's standard deviation (so a contrast stretch alone does
// not change it; blurring lowers it). Used by `npm run data:contrast` to show FER2013's sharpness
// shift, and by split.sharp_blur to find the sharp images.

/**
 * split.sharp_detail's default, also the threshold `npm run data:contrast` counts against: in the
 * FER2013 copy this project was built on, it separates the smooth Training folder from the sharp
 * test folder with 7 exceptions in 35,887 images (README).
 */
export const DEFAULT_SHARP_DETAIL = 0.2;

/** Standard deviation of the pixel values of one image. */
export function imageStd(img: Uint8Array): number {
  let sum = 0;
  let sq = 0;
  for (const v of img) {
    sum += v;
    sq += v * v;
  }
  const mean = sum / img.length;
  return Math.sqrt(Math.max(0, sq / img.length - mean * mean));
}

/**
 * Mean |4·p - its 4 neighbours| over the interior pixels of a `height` x `width` image, divided
 * by its standard deviation (floored at 1, so a near-constant image scores about 0, not noise/0).
 */
export function fineDetail(img: Uint8Array, height: number, width: number, std: number = imageStd(img)): number {
  if (height < 3 || width < 3) return 0;
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      sum += Math.abs(4 * img[i]! - img[i - width]! - img[i + width]! - img[i - 1]! - img[i + 1]!);
    }
  }
  return sum / ((height - 2) * (width - 2)) / Math.max(std, 1);
}
