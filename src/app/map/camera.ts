/**
 * Where the camera goes (a d3-zoom transform fitting a set of nodes, or centring one) and how it
 * gets there: an eased flight that moves the view centre linearly and the scale geometrically, so
 * a zoom by 8× takes as long to watch as a zoom by 1/8×.
 */
import { type Timer, timer } from 'd3-timer';
import { type ZoomTransform, zoomIdentity } from 'd3-zoom';

export const CAMERA = Object.freeze({
  scaleExtent: [0.02, 24] as [number, number],
  /** Margin kept around fitted nodes, CSS pixels. */
  margin: 40,
  /** A single node or a tight group is not blown up past this scale. */
  fitMaxScale: 4,
  duration: 600,
});

export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function clampScale(k: number): number {
  return Math.min(CAMERA.scaleExtent[1], Math.max(CAMERA.scaleExtent[0], k));
}

/** The transform that shows `bounds` (layout units) centred in a width × height viewport. */
export function fitTransform(bounds: Bounds, width: number, height: number): ZoomTransform {
  const margin = Math.min(CAMERA.margin, width / 4, height / 4);
  const w = Math.max(bounds.x1 - bounds.x0, 1e-6);
  const h = Math.max(bounds.y1 - bounds.y0, 1e-6);
  const k = clampScale(Math.min((width - 2 * margin) / w, (height - 2 * margin) / h, CAMERA.fitMaxScale));
  return centreTransform((bounds.x0 + bounds.x1) / 2, (bounds.y0 + bounds.y1) / 2, k, width, height);
}

/** The transform with layout point (x, y) at the viewport centre, at scale k. */
export function centreTransform(
  x: number,
  y: number,
  k: number,
  width: number,
  height: number,
): ZoomTransform {
  return zoomIdentity.translate(width / 2 - k * x, height / 2 - k * y).scale(k);
}

const easeCubicInOut = (t: number): number => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2);

/**
 * Flies from `from` to `to`, calling `apply` each frame with the intermediate transform and
 * `onEnd` once it arrives; the returned timer can be stopped (a user gesture interrupts the
 * flight, and then `onEnd` is not called).
 */
export function fly(
  from: ZoomTransform,
  to: ZoomTransform,
  width: number,
  height: number,
  apply: (transform: ZoomTransform) => void,
  onEnd: () => void = () => {},
  duration = CAMERA.duration,
): Timer {
  // Interpolate the layout point at the viewport centre, and log k.
  const cx0 = (width / 2 - from.x) / from.k;
  const cy0 = (height / 2 - from.y) / from.k;
  const cx1 = (width / 2 - to.x) / to.k;
  const cy1 = (height / 2 - to.y) / to.k;
  const lk0 = Math.log(from.k);
  const lk1 = Math.log(to.k);
  const flight = timer((elapsed) => {
    const t = Math.min(1, elapsed / duration);
    const e = easeCubicInOut(t);
    if (t >= 1) {
      flight.stop();
      apply(to);
      onEnd();
      return;
    }
    const k = Math.exp(lk0 + (lk1 - lk0) * e);
    apply(centreTransform(cx0 + (cx1 - cx0) * e, cy0 + (cy1 - cy0) * e, k, width, height));
  });
  return flight;
}
