//! Multinomial logistic regression with an L2 penalty, fitted by L-BFGS; and multinomial
//! naive Bayes, the baseline it is compared with.
//!
//! The objective is scikit-learn's `LogisticRegression(C=…)` divided by `C·n`:
//! `(1/n) Σ_i −log p(y_i | x_i) + (1 / 2Cn) ‖W‖²`, the biases unpenalised. At its optimum
//! each feature's weights sum to zero over the classes (the penalty removes any common
//! shift), so a feature's largest absolute weight says how much it can move a verdict.

use marsad_topic::Class;

const K: usize = Class::COUNT;

/// Pages as sparse rows: `(column, value)`, and their classes.
pub struct Data {
    /// One row per page.
    pub rows: Vec<Vec<(u32, f32)>>,
    /// Class index per page.
    pub y: Vec<u8>,
    /// Number of columns.
    pub dim: usize,
}

/// A fitted model: `w[j*K + k]`, and the biases.
pub struct Fit {
    pub w: Vec<f64>,
    pub bias: [f64; K],
    pub iterations: usize,
}

impl Fit {
    /// Class scores of a row.
    pub fn scores(&self, row: &[(u32, f32)]) -> [f64; K] {
        let mut s = self.bias;
        for &(j, x) in row {
            let w = &self.w[j as usize * K..j as usize * K + K];
            for k in 0..K {
                s[k] += f64::from(x) * w[k];
            }
        }
        s
    }

    /// Class probabilities of a row.
    pub fn probs(&self, row: &[(u32, f32)]) -> [f64; K] {
        softmax(self.scores(row))
    }

    /// Largest absolute weight of each column.
    pub fn importance(&self, dim: usize) -> Vec<f64> {
        (0..dim)
            .map(|j| {
                self.w[j * K..j * K + K]
                    .iter()
                    .fold(0f64, |m, w| m.max(w.abs()))
            })
            .collect()
    }
}

pub fn softmax(s: [f64; K]) -> [f64; K] {
    let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = s.map(|v| (v - max).exp());
    let z: f64 = e.iter().sum();
    e.map(|v| v / z)
}

/// Objective and gradient at `theta` (weights then biases).
fn objective(data: &Data, lambda: f64, theta: &[f64], grad: &mut [f64]) -> f64 {
    let d = data.dim;
    let n = data.rows.len() as f64;
    grad.fill(0.0);
    let (w, b) = theta.split_at(d * K);
    let (gw, gb) = grad.split_at_mut(d * K);
    let mut loss = 0.0;
    for (row, &y) in data.rows.iter().zip(&data.y) {
        let mut s = [0f64; K];
        s.copy_from_slice(b);
        for &(j, x) in row {
            let wj = &w[j as usize * K..j as usize * K + K];
            for k in 0..K {
                s[k] += f64::from(x) * wj[k];
            }
        }
        let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let z: f64 = s.iter().map(|v| (v - max).exp()).sum();
        let lse = max + z.ln();
        loss += lse - s[y as usize];
        let mut coef = [0f64; K];
        for k in 0..K {
            coef[k] = ((s[k] - lse).exp() - f64::from(u8::from(k == y as usize))) / n;
            gb[k] += coef[k];
        }
        for &(j, x) in row {
            let g = &mut gw[j as usize * K..j as usize * K + K];
            for k in 0..K {
                g[k] += f64::from(x) * coef[k];
            }
        }
    }
    let mut reg = 0.0;
    for (g, &wv) in gw.iter_mut().zip(w) {
        *g += lambda * wv;
        reg += wv * wv;
    }
    loss / n + 0.5 * lambda * reg
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Fits the model with inverse penalty `c` (scikit-learn's `C`), by L-BFGS (10 pairs,
/// backtracking Armijo line search), until the largest gradient component is under
/// 1e-5 or 500 iterations. Deterministic.
pub fn fit(data: &Data, c: f64) -> Fit {
    let lambda = 1.0 / (c * data.rows.len() as f64);
    let len = data.dim * K + K;
    let mut theta = vec![0f64; len];
    let mut grad = vec![0f64; len];
    let mut f = objective(data, lambda, &theta, &mut grad);
    let (mut s_hist, mut y_hist): (Vec<Vec<f64>>, Vec<Vec<f64>>) = (Vec::new(), Vec::new());
    let mut next = vec![0f64; len];
    let mut next_grad = vec![0f64; len];
    let mut iterations = 0;
    for it in 0..500 {
        iterations = it + 1;
        if grad.iter().fold(0f64, |m, g| m.max(g.abs())) < 1e-5 {
            break;
        }
        // Two-loop recursion: direction = −H·grad.
        let mut q = grad.clone();
        let mut alpha = vec![0f64; s_hist.len()];
        for i in (0..s_hist.len()).rev() {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            alpha[i] = rho * dot(&s_hist[i], &q);
            for (qv, yv) in q.iter_mut().zip(&y_hist[i]) {
                *qv -= alpha[i] * yv;
            }
        }
        if let (Some(s), Some(y)) = (s_hist.last(), y_hist.last()) {
            let gamma = dot(s, y) / dot(y, y);
            q.iter_mut().for_each(|v| *v *= gamma);
        } else {
            let norm = dot(&grad, &grad).sqrt();
            q.iter_mut().for_each(|v| *v /= norm);
        }
        for i in 0..s_hist.len() {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            let beta = rho * dot(&y_hist[i], &q);
            for (qv, sv) in q.iter_mut().zip(&s_hist[i]) {
                *qv += (alpha[i] - beta) * sv;
            }
        }
        let dir: Vec<f64> = q.iter().map(|v| -v).collect();
        let slope = dot(&grad, &dir);
        if slope >= 0.0 {
            // Not a descent direction: start the memory again.
            s_hist.clear();
            y_hist.clear();
            continue;
        }
        let mut t = 1.0;
        let mut f_next;
        let mut tries = 0;
        loop {
            for ((n, th), d) in next.iter_mut().zip(&theta).zip(&dir) {
                *n = th + t * d;
            }
            f_next = objective(data, lambda, &next, &mut next_grad);
            if f_next <= f + 1e-4 * t * slope || tries == 40 {
                break;
            }
            t *= 0.5;
            tries += 1;
        }
        let s: Vec<f64> = next.iter().zip(&theta).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = next_grad.iter().zip(&grad).map(|(a, b)| a - b).collect();
        let improved = f - f_next;
        std::mem::swap(&mut theta, &mut next);
        std::mem::swap(&mut grad, &mut next_grad);
        f = f_next;
        if dot(&s, &y) > 1e-12 {
            s_hist.push(s);
            y_hist.push(y);
            if s_hist.len() > 10 {
                s_hist.remove(0);
                y_hist.remove(0);
            }
        }
        if improved.abs() < 1e-12 * f.abs().max(1.0) {
            break;
        }
    }
    let mut bias = [0f64; K];
    bias.copy_from_slice(&theta[data.dim * K..]);
    theta.truncate(data.dim * K);
    Fit {
        w: theta,
        bias,
        iterations,
    }
}

/// Multinomial naive Bayes over raw counts with add-`alpha` smoothing: log priors and
/// per-column log likelihoods, as a [`Fit`] (scores are log posteriors up to a constant).
pub fn naive_bayes(counts: &Data, alpha: f64) -> Fit {
    let d = counts.dim;
    let mut per = vec![0f64; d * K];
    let mut docs = [0f64; K];
    for (row, &y) in counts.rows.iter().zip(&counts.y) {
        docs[y as usize] += 1.0;
        for &(j, x) in row {
            per[j as usize * K + y as usize] += f64::from(x);
        }
    }
    let mut total = [0f64; K];
    for j in 0..d {
        for k in 0..K {
            total[k] += per[j * K + k];
        }
    }
    let n: f64 = docs.iter().sum();
    let mut w = per;
    for j in 0..d {
        for k in 0..K {
            w[j * K + k] = ((w[j * K + k] + alpha) / (total[k] + alpha * d as f64)).ln();
        }
    }
    Fit {
        w,
        bias: docs.map(|c| (c / n).ln()),
        iterations: 0,
    }
}
