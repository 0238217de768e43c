//! The demo's deterministic randomness and math: xoshiro256** seeded through splitmix64, its draws
//! (ranges, picks, weights, normal, log-normal, shuffles), and `ln`/`exp`/`pow` from IEEE basic operations
//! only (no platform libm), so every platform produces the same bytes.

use std::f64::consts::{LN_2, SQRT_2};

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** seeded through splitmix64.
#[derive(Debug, Clone)]
pub(super) struct Rng {
    s: [u64; 4],
}

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        let mut x = seed;
        let s = [splitmix64(&mut x), splitmix64(&mut x), splitmix64(&mut x), splitmix64(&mut x)];
        Rng { s }
    }

    /// An independent stream, so that one section's draws do not shift another's.
    pub(super) fn fork(&mut self, tag: u64) -> Rng {
        Rng::new(self.next_u64() ^ tag.wrapping_mul(0xA076_1D64_78BD_642F))
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (0 when `n == 0`), without modulo bias worth speaking of.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi` (`lo` when `hi < lo`).
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo) + 1;
        lo.wrapping_add(self.below(span) as i64)
    }

    pub(super) fn range_u32(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            return lo;
        }
        lo + self.below(u64::from(hi - lo) + 1) as u32
    }

    pub(super) fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    pub(super) fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// Index drawn with the given weights (the last index if all weights are 0).
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < u64::from(w) {
                return i;
            }
            x -= u64::from(w);
        }
        weights.len().saturating_sub(1)
    }

    /// Standard normal (Marsaglia's polar method: needs only `ln` and `sqrt`).
    fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.unit() - 1.0;
            let v = 2.0 * self.unit() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * det_ln(s) / s).sqrt();
            }
        }
    }

    /// Log-normal with the given median and shape.
    pub(super) fn log_normal(&mut self, median: f64, sigma: f64) -> f64 {
        median * det_exp(sigma * self.normal())
    }

    /// Uniform on a log scale in `[lo, hi]`.
    pub(super) fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo * det_exp(self.unit() * det_ln(hi / lo))
    }

    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// Natural logarithm from basic IEEE operations only (identical on every platform). `x` must be positive.
fn det_ln(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let (x, bias) = if x < f64::MIN_POSITIVE { (x * 18_014_398_509_481_984.0, 54_i64) } else { (x, 0) };
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023 - bias;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    // ln(m) = 2 atanh(z), |z| <= 0.1716
    let z = (m - 1.0) / (m + 1.0);
    let z2 = z * z;
    let mut term = z;
    let mut sum = 0.0;
    for k in 0..14 {
        sum += term / f64::from(2 * k + 1);
        term *= z2;
    }
    2.0 * sum + e as f64 * LN_2
}

/// Exponential from basic IEEE operations only (identical on every platform).
pub(super) fn det_exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 700.0 {
        return f64::MAX;
    }
    if x < -700.0 {
        return 0.0;
    }
    let k = (x / LN_2).round();
    let r = x - k * LN_2;
    let mut s = 1.0;
    for n in (1..=20).rev() {
        s = 1.0 + r * s / f64::from(n);
    }
    let scale = f64::from_bits(((k as i64 + 1023) as u64) << 52);
    s * scale
}

pub(super) fn det_pow(x: f64, y: f64) -> f64 {
    det_exp(y * det_ln(x))
}

pub(super) fn round_to(x: f64, places: i32) -> f64 {
    let f = match places {
        1 => 10.0,
        2 => 100.0,
        3 => 1_000.0,
        _ => 10_000.0,
    };
    (x * f).round() / f
}

/// Age in `lo..=hi`, triangular around `mode`.
pub(super) fn triangular(rng: &mut Rng, lo: i64, hi: i64, mode: i64) -> i64 {
    let u = rng.unit();
    let (a, b, c) = (lo as f64, hi as f64 + 0.999, mode as f64);
    let fc = (c - a) / (b - a);
    let x = if u < fc { a + (u * (b - a) * (c - a)).sqrt() } else { b - ((1.0 - u) * (b - a) * (b - c)).sqrt() };
    (x as i64).clamp(lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_math_is_accurate() {
        for x in [1e-12, 0.001, 0.3, 0.5, 1.0, 1.5, 2.0, 10.0, 123.456, 1e9] {
            assert!((det_ln(x) - x.ln()).abs() <= 1e-12 * x.ln().abs().max(1.0), "ln {x}");
        }
        for x in [-50.0, -3.0, -0.5, 0.0, 0.1, 1.0, 2.5, 10.0, 50.0] {
            assert!((det_exp(x) - x.exp()).abs() <= 1e-13 * x.exp(), "exp {x}");
        }
        let mut rng = Rng::new(9);
        let n = 20_000;
        let xs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = xs.iter().sum::<f64>() / f64::from(n);
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / f64::from(n);
        assert!(mean.abs() < 0.03 && (var - 1.0).abs() < 0.05, "mean {mean} var {var}");
        assert_eq!(Rng::new(5).next_u64(), Rng::new(5).next_u64());
    }
}
