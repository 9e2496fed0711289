import { backend_util } from '@tensorflow/tfjs';
import type { DepthwiseConv2dNativeBackpropInputAttrs, TensorInfo } from '@tensorflow/tfjs';

/** What both depthwise-convolution gradients receive besides a shape (NHWC is the only layout they have). */
export type DepthwiseGradientAttrs = Omit<DepthwiseConv2dNativeBackpropInputAttrs, 'inputShape'>;

/** The forward depthwise convolution's geometry: x [N, H, W, C], filter [kh, kw, C, M], output channels C·M. */
export const depthwiseInfo = (
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  { strides, pad, dimRoundingMode, dilations }: DepthwiseGradientAttrs,
): backend_util.Conv2DInfo =>
  backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations ?? 1, pad, dimRoundingMode, true);

/**
 * Visits every (output position, filter tap) pair whose tap reads inside x, image by image:
 * `dyPixel` is the position's first float in dy (C·M channels), `xPixel` the tap's first float in
 * x (C channels) and `tap` its first float in the filter (C·M per tap). Taps in the padding are
 * skipped, as they contribute nothing to either gradient.
 */
export function forEachDepthwiseTap(
  info: backend_util.Conv2DInfo,
  visit: (dyPixel: number, xPixel: number, tap: number) => void,
): void {
  const { batchSize, inHeight, inWidth, inChannels, outChannels, outHeight, outWidth, strideHeight, strideWidth } =
    info;
  const { filterHeight, filterWidth, dilationHeight, dilationWidth } = info;
  const { top, left } = info.padInfo;
  let dyPixel = 0;
  for (let n = 0; n < batchSize; n += 1) {
    for (let y = 0; y < outHeight; y += 1) {
      for (let x = 0; x < outWidth; x += 1, dyPixel += outChannels) {
        for (let i = 0; i < filterHeight; i += 1) {
          const row = y * strideHeight + i * dilationHeight - top;
          if (row < 0 || row >= inHeight) continue;
          for (let j = 0; j < filterWidth; j += 1) {
            const col = x * strideWidth + j * dilationWidth - left;
            if (col < 0 || col >= inWidth) continue;
            visit(dyPixel, ((n * inHeight + row) * inWidth + col) * inChannels, (i * filterWidth + j) * outChannels);
          }
        }
      }
    }
  }
}

export const shape4 = (info: TensorInfo) => info.shape as [number, number, number, number];
