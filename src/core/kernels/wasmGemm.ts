import { FunctionBuilder } from '../wasm/functionBuilder';

/**
 * The matrix kernel's WebAssembly (src/core/kernels/matrixKernel.ts): four loops over a mini-batch
 * stored feature-major (row r of a layer is its n_l values for the batch's `bp` columns, `bp` a
 * multiple of 4, the padding columns zero where it matters), written once for every network
 * (sizes are arguments, not constants), f64x2 SIMD with register blocks. Addresses and strides are
 * byte offsets into the imported memory.
 *
 * Every sum is accumulated in the generic kernel's order, lane 0 holding the batch's even columns
 * and lane 1 its odd ones: a forward or backward product sums over its inner index from 0 up
 * (starting from +0, which changes nothing but the sign of an all-zero sum), a gradient is
 * (sum over even columns) + (sum over odd columns). So this kernel and the generic one agree bit
 * for bit wherever no infinity or NaN is involved.
 *
 * - forwardRelu / forwardLinear(w, rs, ts, q, c, bias, rows, inner, bp):
 *   c[r][j] = act(sum_t w[r rs + t ts] q[t][j] + bias[r]) for r < rows, with act = ReLU `(z + |z|) / 2`
 *   or the identity. Forward is w = W_l, rs = a row of W, ts = 8.
 * - backwardMasked(w, rs, ts, q, c, mask, rows, inner, bp): c[r][j] = (sum_t w[r rs + t ts] q[t][j]) * (mask[r][j] > 0).
 *   Backward is w = W_l read transposed (rs = 8, which it assumes; ts = a row of W), q = dZ_l, mask = A_{l-1}.
 * - weightGrad(d, a, gw, gb, rows, cols, bp): gw[i][k] = sum_j d[i][j] a[k][j], gb[i] = sum_j d[i][j].
 */
export type GemmExports = {
  forwardRelu(w: number, rs: number, ts: number, q: number, c: number, bias: number, rows: number, inner: number, bp: number): void;
  forwardLinear(w: number, rs: number, ts: number, q: number, c: number, bias: number, rows: number, inner: number, bp: number): void;
  backwardMasked(w: number, rs: number, ts: number, q: number, c: number, mask: number, rows: number, inner: number, bp: number): void;
  weightGrad(d: number, a: number, gw: number, gb: number, rows: number, cols: number, bp: number): void;
};

type Mode = 'relu' | 'linear' | 'masked';

/** Rows of the output per register block in the broadcast product (4 rows x 4 columns = 8 v128 sums). */
const ROW_BLOCK = 4;
/** Rows of dZ and of A per register block in the gradient product (3 x 3 = 9 v128 sums; measured at width 128: about 10 GFLOP/s against 6.5-9 for 2 x 4 and 4 x 2). */
const GRAD_ROWS = 3;
const GRAD_COLS = 3;

export function gemmFunctions(): Record<keyof GemmExports, FunctionBuilder> {
  return {
    forwardRelu: broadcastProduct('relu'),
    forwardLinear: broadcastProduct('linear'),
    backwardMasked: broadcastProduct('masked'),
    weightGrad: gradientProduct(),
  };
}

/** `while (!exit()) body()`: exit pushes an i32 that is true to leave. */
function whileNot(f: FunctionBuilder, exit: () => void, body: () => void): void {
  f.block().loop();
  exit();
  f.brIf(1);
  body();
  f.br(0).end().end();
}

function broadcastProduct(mode: Mode): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32']);
  const [w, rs, ts, q, c, extra, rows, inner, bp] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
  const rowBytes = f.local('i32');
  const r = f.local('i32');
  const j = f.local('i32');
  const t = f.local('i32');
  const qp = f.local('i32');
  const outRow = f.local('i32');
  const wp = Array.from({ length: ROW_BLOCK }, () => f.local('i32'));
  const acc = Array.from({ length: ROW_BLOCK }, () => [f.local('v128'), f.local('v128')] as const);
  const qa = f.local('v128');
  const qb = f.local('v128');
  const s = f.local('v128');
  const v = f.local('v128');
  // Backward reads W^T: the block's rows r..r+3 are adjacent doubles of one row of W (rs = 8), so
  // one pointer with constant offsets instead of four (measured at widths 64 and 128: 11.5 -> 13
  // GFLOP/s). Unrolling forward's t by two the same way was slower (14 -> 11).
  const adjacentRows = mode === 'masked';

  f.get(bp).i32(3).op('i32.shl').set(rowBytes);
  f.i32(0).set(r);
  for (const R of [ROW_BLOCK, 1]) {
    whileNot(f, () => f.get(r).i32(R).op('i32.add').get(rows).op('i32.gt_s'), () => {
      f.i32(0).set(j);
      whileNot(f, () => f.get(j).get(rowBytes).op('i32.ge_s'), () => {
        for (let rr = 0; rr < R; rr++) f.f64x2(0).set(acc[rr]![0]).f64x2(0).set(acc[rr]![1]);
        for (let rr = 0; rr < (adjacentRows ? 1 : R); rr++) {
          f.get(w).get(r).i32(rr).op('i32.add').get(rs).op('i32.mul').op('i32.add').set(wp[rr]!);
        }
        f.get(q).get(j).op('i32.add').set(qp);
        f.get(inner).set(t);
        whileNot(f, () => f.get(t).op('i32.eqz'), () => {
          f.get(qp).load('v128').set(qa);
          f.get(qp).load('v128', 16).set(qb);
          for (let rr = 0; rr < R; rr++) {
            if (adjacentRows) f.get(wp[0]!).loadSplat64(8 * rr).set(s);
            else f.get(wp[rr]!).loadSplat64().set(s);
            f.get(acc[rr]![0]).get(s).get(qa).op('f64x2.mul').op('f64x2.add').set(acc[rr]![0]);
            f.get(acc[rr]![1]).get(s).get(qb).op('f64x2.mul').op('f64x2.add').set(acc[rr]![1]);
          }
          for (let rr = 0; rr < (adjacentRows ? 1 : R); rr++) f.get(wp[rr]!).get(ts).op('i32.add').set(wp[rr]!);
          f.get(qp).get(rowBytes).op('i32.add').set(qp);
          f.get(t).i32(1).op('i32.sub').set(t);
        });
        for (let rr = 0; rr < R; rr++) {
          // Byte offset of (r + rr, j) in a bp-column matrix.
          f.get(r).i32(rr).op('i32.add').get(rowBytes).op('i32.mul').get(j).op('i32.add').set(outRow);
          for (const h of [0, 1] as const) {
            const sum = acc[rr]![h];
            if (mode === 'masked') {
              f.get(extra).get(outRow).op('i32.add').load('v128', 16 * h).f64x2(0).op('f64x2.gt').f64x2(1).op('v128.and').set(v);
              f.get(c).get(outRow).op('i32.add').get(sum).get(v).op('f64x2.mul').store('v128', 16 * h);
            } else {
              f.get(extra).get(r).i32(rr).op('i32.add').i32(3).op('i32.shl').op('i32.add').loadSplat64().set(v);
              f.get(sum).get(v).op('f64x2.add').set(v);
              f.get(c).get(outRow).op('i32.add');
              if (mode === 'relu') f.get(v).get(v).op('f64x2.abs').op('f64x2.add').f64x2(0.5).op('f64x2.mul');
              else f.get(v);
              f.store('v128', 16 * h);
            }
          }
        }
        f.get(j).i32(32).op('i32.add').set(j);
      });
      f.get(r).i32(R).op('i32.add').set(r);
    });
  }
  return f;
}

function gradientProduct(): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32']);
  const [d, a, gw, gb, rows, cols, bp] = [0, 1, 2, 3, 4, 5, 6] as const;
  const rowBytes = f.local('i32');
  const i = f.local('i32');
  const k = f.local('i32');
  const off = f.local('i32');
  const dp = Array.from({ length: GRAD_ROWS }, () => f.local('i32'));
  const ap = Array.from({ length: GRAD_COLS }, () => f.local('i32'));
  const acc = Array.from({ length: GRAD_ROWS }, () => Array.from({ length: GRAD_COLS }, () => f.local('v128')));
  const dv = Array.from({ length: GRAD_ROWS }, () => f.local('v128'));
  const av = Array.from({ length: GRAD_COLS }, () => f.local('v128'));
  /** lane 0 + lane 1 of `sum`, stored as the double at `address()`. */
  const storeLaneSum = (address: () => void, sum: number): void => {
    address();
    f.get(sum).extractLane(0).get(sum).extractLane(1).op('f64.add').store('f64');
  };

  f.get(bp).i32(3).op('i32.shl').set(rowBytes);
  f.i32(0).set(i);
  for (const RI of [GRAD_ROWS, 1]) {
    whileNot(f, () => f.get(i).i32(RI).op('i32.add').get(rows).op('i32.gt_s'), () => {
      for (let ii = 0; ii < RI; ii++) f.get(d).get(i).i32(ii).op('i32.add').get(rowBytes).op('i32.mul').op('i32.add').set(dp[ii]!);
      f.i32(0).set(k);
      for (const RK of [GRAD_COLS, 1]) {
        whileNot(f, () => f.get(k).i32(RK).op('i32.add').get(cols).op('i32.gt_s'), () => {
          for (let kk = 0; kk < RK; kk++) f.get(a).get(k).i32(kk).op('i32.add').get(rowBytes).op('i32.mul').op('i32.add').set(ap[kk]!);
          for (let ii = 0; ii < RI; ii++) for (let kk = 0; kk < RK; kk++) f.f64x2(0).set(acc[ii]![kk]!);
          f.i32(0).set(off);
          whileNot(f, () => f.get(off).get(rowBytes).op('i32.ge_s'), () => {
            for (let ii = 0; ii < RI; ii++) f.get(dp[ii]!).get(off).op('i32.add').load('v128').set(dv[ii]!);
            for (let kk = 0; kk < RK; kk++) f.get(ap[kk]!).get(off).op('i32.add').load('v128').set(av[kk]!);
            for (let ii = 0; ii < RI; ii++) {
              for (let kk = 0; kk < RK; kk++) {
                f.get(acc[ii]![kk]!).get(dv[ii]!).get(av[kk]!).op('f64x2.mul').op('f64x2.add').set(acc[ii]![kk]!);
              }
            }
            f.get(off).i32(16).op('i32.add').set(off);
          });
          for (let ii = 0; ii < RI; ii++) {
            for (let kk = 0; kk < RK; kk++) {
              // gw + 8 ((i + ii) cols + k + kk)
              storeLaneSum(() => f.get(gw).get(i).i32(ii).op('i32.add').get(cols).op('i32.mul').get(k).op('i32.add').i32(kk).op('i32.add').i32(3).op('i32.shl').op('i32.add'), acc[ii]![kk]!);
            }
          }
          f.get(k).i32(RK).op('i32.add').set(k);
        });
      }
      f.get(i).i32(RI).op('i32.add').set(i);
    });
  }
  // Bias gradients: the row sums of dZ.
  const sum = acc[0]![0]!;
  f.i32(0).set(i);
  whileNot(f, () => f.get(i).get(rows).op('i32.ge_s'), () => {
    f.get(d).get(i).get(rowBytes).op('i32.mul').op('i32.add').set(dp[0]!);
    f.f64x2(0).set(sum);
    f.i32(0).set(off);
    whileNot(f, () => f.get(off).get(rowBytes).op('i32.ge_s'), () => {
      f.get(sum).get(dp[0]!).get(off).op('i32.add').load('v128').op('f64x2.add').set(sum);
      f.get(off).i32(16).op('i32.add').set(off);
    });
    storeLaneSum(() => f.get(gb).get(i).i32(3).op('i32.shl').op('i32.add'), sum);
    f.get(i).i32(1).op('i32.add').set(i);
  });
  return f;
}
