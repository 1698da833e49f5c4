/**
 * Natural logarithm that gives the same bits in every JavaScript engine. `Math.log` is not
 * required to be correctly rounded, and V8 in Node 20 and Chromium differ in the last bit for a few
 * percent of inputs, which was enough to reorder an edge's terms between a graph built by the CLI
 * and one built from a file dropped on the page. This is fdlibm's `__ieee754_log` (Sun
 * Microsystems, 1993; the algorithm and constants of FreeBSD's msun `e_log.c`): the argument is
 * reduced to 2^k·(1+f) with √2/2 < 1+f < √2, and log(1+f) is taken from a minimax polynomial in
 * s = f/(2+f). It uses only IEEE-754 +, −, ×, ÷ (exactly rounded everywhere) and is within 1 ulp.
 */

const LN2_HI = 0.6931471803691238; // 0x3FE62E42 FEE00000
const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const TWO54 = 1.8014398509481984e16;
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

// One shared view of a double's two 32-bit words (little-endian: word 1 is the high one).
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

export function portableLog(value: number): number {
  let x = value;
  bits[0] = x;
  let hx = words[HIGH] | 0;
  const lx = words[1 - HIGH];
  let k = 0;
  if (hx < 0x00100000) {
    // Zero, negative or subnormal.
    if (((hx & 0x7fffffff) | lx) === 0) return Number.NEGATIVE_INFINITY;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= TWO54;
    bits[0] = x;
    hx = words[HIGH] | 0;
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // Normalise x (or x/2) into [√2/2, √2).
  words[HIGH] = hx | (i ^ 0x3ff00000);
  x = bits[0];
  k += i >> 20;
  const f = x - 1.0;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}
