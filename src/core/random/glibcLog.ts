/**
 * glibc's `log` (glibc >= 2.28 on x86-64 with FMA), bit for bit, so that normals drawn
 * by the legacy polar method, `sqrt(-2 log(r2) / r2)`, equal numpy's on Linux. V8's `Math.log` differs
 * from it in the last bit for about 7 % of arguments.
 *
 * The algorithm and constants are Arm's optimized-routines `log` (MIT licence), which glibc ships;
 * the order of the fused multiply-adds is the one GCC emits for glibc's FMA build (read from its
 * machine code), and the FMAs are emulated exactly in software. That emulation costs ~250 ns a call, so
 * each path first computes the last steps with plain multiply-adds and a bound on how far that can be
 * from glibc's value; only when the bound straddles a rounding boundary (~0.1 % of the table path's arguments, ~12 % of
 * those within 1/16 of 1) are the exact fmas run. `npm run bench` draws 1.8 million normals in the checker's cold start.
 */

// A double and its two 32-bit halves (little-endian, as on every platform VS Code runs on).
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);

function fromHex(hex: string): number {
  WORDS[0] = parseInt(hex.slice(8), 16);
  WORDS[1] = parseInt(hex.slice(0, 8), 16);
  return BITS[0]!;
}

// ln2hi, ln2lo, A[0..4] (the polynomial of the table path), B[0..10] (the one near 1).
const C = '3fe62e42fefa3800 3d2ef35793c76730 bfe0000000000001 3fd555555551305b bfcfffffffeb4590 3fc999b324f10111 bfc55575e506c89f bfe0000000000000 3fd5555555555577 bfcffffffffffdcb 3fc999999995dd0c bfc55555556745a7 3fc24924a344de30 bfbfffffa4423d65 3fbc7184282ad6ca bfb999eb43b068ff 3fb78182f7afd085 bfb5521375d145cd'.split(' ').map(fromHex);
const [LN2HI, LN2LO, A0, A1, A2, A3, A4] = C as [number, number, number, number, number, number, number];
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = C.slice(7) as [number, number, number, number, number, number, number, number, number, number, number];

// 128 pairs (invc, logc): 1/c and log(c) for c near the centre of each of 128 subintervals of [0x1.6p-1, 0x1.6p0].
const TABLE = Float64Array.from(
  [
    '3ff734f0c3e0de9f bfd7cc7f79e69000 3ff713786a2ce91f bfd76feec20d0000 3ff6f26008fab5a0 bfd713e31351e000 3ff6d1a61f138c7d bfd6b85b38287800',
    '3ff6b1490bc5b4d1 bfd65d5590807800 3ff69147332f0cba bfd602d076180000 3ff6719f18224223 bfd5a8ca86909000 3ff6524f99a51ed9 bfd54f4356035000',
    '3ff63356aa8f24c4 bfd4f637c36b4000 3ff614b36b9ddc14 bfd49da7fda85000 3ff5f66452c65c4c bfd445923989a800 3ff5d867b5912c4f bfd3edf439b0b800',
    '3ff5babccb5b90de bfd396ce448f7000 3ff59d61f2d91a78 bfd3401e17bda000 3ff5805612465687 bfd2e9e2ef468000 3ff56397cee76bd3 bfd2941b3830e000',
    '3ff54725e2a77f93 bfd23ec58cda8800 3ff52aff42064583 bfd1e9e129279000 3ff50f22dbb2bddf bfd1956d2b48f800 3ff4f38f4734ded7 bfd141679ab9f800',
    '3ff4d843cfde2840 bfd0edd094ef9800 3ff4bd3ec078a3c8 bfd09aa518db1000 3ff4a27fc3e0258a bfd047e65263b800 3ff4880524d48434 bfcfeb224586f000',
    '3ff46dce1b192d0b bfcf474a7517b000 3ff453d9d3391854 bfcea4443d103000 3ff43a2744b4845a bfce020d44e9b000 3ff420b54115f8fb bfcd60a22977f000',
    '3ff40782da3ef4b1 bfccc00104959000 3ff3ee8f5d57fe8f bfcc202956891000 3ff3d5d9a00b4ce9 bfcb81178d811000 3ff3bd60c010c12b bfcae2c9ccd3d000',
    '3ff3a5242b75dab8 bfca45402e129000 3ff38d22cd9fd002 bfc9a877681df000 3ff3755bc5847a1c bfc90c6d69483000 3ff35dce49ad36e2 bfc87120a645c000',
    '3ff34679984dd440 bfc7d68fb4143000 3ff32f5cceffcb24 bfc73cb83c627000 3ff3187775a10d49 bfc6a39a9b376000 3ff301c8373e3990 bfc60b3154b7a000',
    '3ff2eb4ebb95f841 bfc5737d76243000 3ff2d50a0219a9d1 bfc4dc7b8fc23000 3ff2bef9a8b7fd2a bfc4462c51d20000 3ff2a91c7a0c1bab bfc3b08abc830000',
    '3ff293726014b530 bfc31b996b490000 3ff27dfa5757a1f5 bfc2875490a44000 3ff268b39b1d3bbf bfc1f3b9f879a000 3ff2539d838ff5bd bfc160c8252ca000',
    '3ff23eb7aac9083b bfc0ce7f57f72000 3ff22a012ba940b6 bfc03cdc49fea000 3ff2157996cc4132 bfbf57bdbc4b8000 3ff201201dd2fc9b bfbe370896404000',
    '3ff1ecf4494d480b bfbd17983ef94000 3ff1d8f5528f6569 bfbbf9674ed8a000 3ff1c52311577e7c bfbadc79202f6000 3ff1b17c74cb26e9 bfb9c0c3e7288000',
    '3ff19e010c2c1ab6 bfb8a646b372c000 3ff18ab07bb670bd bfb78d01b3ac0000 3ff1778a25efbcb6 bfb674f145380000 3ff1648d354c31da bfb55e0e6d878000',
    '3ff151b990275fdd bfb4485cdea1e000 3ff13f0ea432d24c bfb333d94d6aa000 3ff12c8b7210f9da bfb22079f8c56000 3ff11a3028ecb531 bfb10e4698622000',
    '3ff107fbda8434af bfaffa6c6ad20000 3ff0f5ee0f4e6bb3 bfadda8d4a774000 3ff0e4065d2a9fce bfabbcece4850000 3ff0d244632ca521 bfa9a1894012c000',
    '3ff0c0a77ce2981a bfa788583302c000 3ff0af2f83c636d1 bfa5715e67d68000 3ff09ddb98a01339 bfa35c8a49658000 3ff08cabaf52e7df bfa149e364154000',
    '3ff07b9f2f4e28fb bf9e72c082eb8000 3ff06ab58c358f19 bf9a55f152528000 3ff059eea5ecf92c bf963d62cf818000 3ff04949cdd12c90 bf9228fb8caa0000',
    '3ff038c6c6f0ada9 bf8c317b20f90000 3ff02865137932a9 bf8419355daa0000 3ff0182427ea7348 bf781203c2ec0000 3ff008040614b195 bf60040979240000',
    '3fefe01ff726fa1a 3f6feff384900000 3fefa11cc261ea74 3f87dc41353d0000 3fef6310b081992e 3f93cea3c4c28000 3fef25f63ceeadcd 3f9b9fc114890000',
    '3feee9c8039113e7 3fa1b0d8ce110000 3feeae8078cbb1ab 3fa58a5bd001c000 3fee741aa29d0c9b 3fa95c8340d88000 3fee3a91830a99b5 3fad276aef578000',
    '3fee01e009609a56 3fb07598e598c000 3fedca01e577bb98 3fb253f5e30d2000 3fed92f20b7c9103 3fb42edd8b380000 3fed5cac66fb5cce 3fb606598757c000',
    '3fed272caa5ede9d 3fb7da76356a0000 3fecf26e3e6b2ccd 3fb9ab434e1c6000 3fecbe6da2a77902 3fbb78c7bb0d6000 3fec8b266d37086d 3fbd431332e72000',
    '3fec5894bd5d5804 3fbf0a3171de6000 3fec26b533bb9f8c 3fc067152b914000 3febf583eeece73f 3fc147858292b000 3febc4fd75db96c1 3fc2266ecdca3000',
    '3feb951e0c864a28 3fc303d7a6c55000 3feb65e2c5ef3e2c 3fc3dfc33c331000 3feb374867c9888b 3fc4ba366b7a8000 3feb094b211d304a 3fc5933928d1f000',
    '3feadbe885f2ef7e 3fc66acd2418f000 3feaaf1d31603da2 3fc740f8ec669000 3fea82e63fd358a7 3fc815c0f51af000 3fea5740ef09738b 3fc8e92954f68000',
    '3fea2c2a90ab4b27 3fc9bb3602f84000 3fea01a01393f2d1 3fca8bed1c2c0000 3fe9d79f24db3c1b 3fcb5b515c01d000 3fe9ae2505c7b190 3fcc2967ccbcc000',
    '3fe9852ef297ce2f 3fccf635d5486000 3fe95cbaeea44b75 3fcdc1bd3446c000 3fe934c69de74838 3fce8c01b8cfe000 3fe90d4f2f6752e6 3fcf5509c0179000',
    '3fe8e6528effd79d 3fd00e6c121fb800 3fe8bfce9fcc007c 3fd071b80e93d000 3fe899c0dabec30e 3fd0d46b9e867000 3fe87427aa2317fb 3fd13687334bd000',
    '3fe84f00acb39a08 3fd1980d67234800 3fe82a49e8653e55 3fd1f8ffe0cc8000 3fe8060195f40260 3fd2595fd7636800 3fe7e22563e0a329 3fd2b9300914a800',
    '3fe7beb377dcb5ad 3fd3187210436000 3fe79baa679725c2 3fd377266dec1800 3fe77907f2170657 3fd3d54ffbaf3000 3fe756cadbd6130c 3fd432eee32fe000',
  ]
    .join(' ')
    .split(' ')
    .map(fromHex),
);

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split of a double into two 26-bit halves

/**
 * `fma(a, b, c)`: a * b + c with one rounding (Boldo and Melquiond's emulation: exact product,
 * exact sum, then the low parts added with rounding to odd). Valid without overflow or underflow,
 * which is all `log` needs.
 */
export function fma(a: number, b: number, c: number): number {
  const ph = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl;
  const sh = c + ph;
  const v = sh - c;
  const sl = c - (sh - v) + (ph - v);
  return sh + addRoundToOdd(sl, pl);
}

/** x + y rounded to odd: exact if representable, else the neighbour whose last bit is 1. */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const v = s - x;
  const e = x - (s - v) + (y - v);
  if (e === 0) return s;
  BITS[0] = s;
  if ((WORDS[0]! & 1) === 1) return s;
  if (e > 0 === s > 0) {
    WORDS[0] = WORDS[0]! + 1; // even, so no carry out of the low word
  } else {
    if (WORDS[0] === 0) WORDS[1] = WORDS[1]! - 1;
    WORDS[0] = (WORDS[0]! - 1) >>> 0;
  }
  return BITS[0]!;
}

/**
 * The natural logarithm exactly as glibc computes it (see the file comment).
 *
 * @example
 * glibcLog(0.5); // -0.6931471805599453, as numpy's C code gets from glibc
 */
export function glibcLog(x: number): number {
  BITS[0] = x;
  let hi = WORDS[1]!;
  let lo = WORDS[0]!;
  if (hi >= 0x3fee0000 && hi < 0x3ff10900) {
    if (x === 1) return 0;
    return nearOne(x - 1);
  }
  if (((hi >>> 16) - 0x0010) >>> 0 >= 0x7ff0 - 0x0010) {
    // Zero, negative, subnormal, infinite or NaN: Math.log agrees on all but subnormals, which
    // glibc scales into the normal range first.
    if (!(x > 0) || x === Infinity) return Math.log(x);
    BITS[0] = x * 4503599627370496; // 2^52
    WORDS[1] = WORDS[1]! - (52 << 20);
    hi = WORDS[1]!;
    lo = WORDS[0]!;
  }
  const tmpHi = (hi - 0x3fe60000) | 0;
  const i = (tmpHi >>> 13) & 127;
  const kd = tmpHi >> 20;
  WORDS[1] = (hi - (tmpHi & 0xfff00000)) >>> 0;
  WORDS[0] = lo;
  const z = BITS[0]!;
  const invc = TABLE[2 * i]!;
  const logc = TABLE[2 * i + 1]!;
  // kd * LN2HI is exact (LN2HI ends in 11 zero bits, |kd| < 2^11), so the plain sum is glibc's fma.
  const w = kd * LN2HI + logc;
  // r = fma(z, invc, -1) exactly: z * invc = ph + pl (Dekker), ph - 1 is exact (Sterbenz: ph is within
  // 2^-6 of 1), so one rounding of (ph - 1) + pl is the fma's single rounding.
  const ph = z * invc;
  let t = SPLITTER * z;
  const zh = t - (t - z);
  const zl = z - zh;
  t = SPLITTER * invc;
  const ch = t - (t - invc);
  const cl = invc - ch;
  const r = ph - 1 + (zh * ch - ph + zh * cl + zl * ch + zl * cl);
  const high = w + r;
  const rest = w - high + r;
  const r2 = r * r;
  // Fast path: the remaining fmas as plain multiply-adds. Each differs from glibc's by at most a few
  // roundings of terms no bigger than m = r2 + |kd * LN2LO| + |rest| (|r| < 2^-7); a generous bound
  // on the whole difference is delta = 2^-46 m (about 14 times the analytic worst case of ~9 * 2^-53 m;
  // 1.9 * 2^-53 m seen on 3 million random r, kd, logc).
  // If high + (sum - delta) and high + (sum + delta) round to the same double, so does high plus
  // glibc's exact-fma sum (rounding is monotone), and that double is glibc's result.
  const kdLo = kd * LN2LO;
  const low = kdLo + rest;
  const sum = r * r2 * ((r * A4 + A3) * r2 + (r * A2 + A1)) + (r2 * A0 + low);
  const delta = (r2 + Math.abs(kdLo) + Math.abs(rest)) * 1.4210854715202004e-14; // 2^-46
  const y = sum + delta + high;
  if (y === sum - delta + high) return y;
  return tableTail(kd, r, r2, rest, high);
}

/** The table path's last steps with exactly emulated fmas (the rare results near a rounding boundary). */
function tableTail(kd: number, r: number, r2: number, rest: number, high: number): number {
  const low = fma(kd, LN2LO, rest);
  const p = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, p, fma(r2, A0, low)) + high;
}

/** The table path entirely with emulated fmas, as first written: the oracle the fast path is tested against. */
export function glibcLogTableExact(x: number): number {
  BITS[0] = x;
  const hi = WORDS[1]!;
  const lo = WORDS[0]!;
  const tmpHi = (hi - 0x3fe60000) | 0;
  const i = (tmpHi >>> 13) & 127;
  const kd = tmpHi >> 20;
  WORDS[1] = (hi - (tmpHi & 0xfff00000)) >>> 0;
  WORDS[0] = lo;
  const z = BITS[0]!;
  const invc = TABLE[2 * i]!;
  const logc = TABLE[2 * i + 1]!;
  const w = fma(kd, LN2HI, logc);
  const r = fma(z, invc, -1);
  const high = w + r;
  const low = fma(kd, LN2LO, w - high + r);
  const r2 = r * r;
  const p = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, p, fma(r2, A0, low)) + high;
}

/**
 * log(1 + r) for x = 1 + r close to 1, where the table is not accurate enough. As in the table path, the
 * fmas whose product is not exact are first done as plain multiply-adds; each result differs from glibc's
 * by at most ~8 roundings of terms no bigger than m = |r^3| + |rlo * r| + |low| (1.5 * 2^-53 m seen on
 * 3 million arguments), so with delta = 2^-47 m the two sums agreeing proves the result.
 */
function nearOne(r: number): number {
  const r2 = r * r;
  const r3 = r * r2;
  const rhi = r + r * 134217728 - r * 134217728;
  const rlo = r - rhi;
  const rhi2 = rhi * rhi; // exact: rhi has 26 significant bits
  // B0 = -1/2, so rhi2 * B0 is exact and these two fmas are plain sums.
  const high = rhi2 * B0 + r;
  const lowInner = rhi2 * B0 + (r - high);
  const poly = ((r3 * B10 + (r2 * B9 + (r * B8 + B7))) * r3 + (r2 * B6 + (r * B5 + B4))) * r3 + (r2 * B3 + (r * B2 + B1));
  const low = B0 * rlo * (r + rhi) + lowInner;
  const sum = poly * r3 + low;
  const delta = (Math.abs(r3) + Math.abs(rlo * r) + Math.abs(low)) * 7.105427357601002e-15; // 2^-47
  const y = sum + delta + high;
  if (y === sum - delta + high) return y;
  return nearOneExact(r);
}

/** nearOne with every fma emulated exactly, as glibc computes it: the rare results near a rounding boundary. */
export function nearOneExact(r: number): number {
  const r2 = r * r;
  const r3 = r * r2;
  const q1 = fma(r2, B3, fma(r, B2, B1));
  const q2 = fma(r2, B6, fma(r, B5, B4));
  const q3 = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
  const poly = fma(fma(q3, r3, q2), r3, q1);
  const rhi = r + r * 134217728 - r * 134217728;
  const rlo = r - rhi;
  const rhi2 = rhi * rhi;
  const high = fma(rhi2, B0, r);
  const low = fma(B0 * rlo, r + rhi, fma(rhi2, B0, r - high));
  return fma(poly, r3, low) + high;
}
