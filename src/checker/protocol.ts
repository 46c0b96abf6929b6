// The JSON-lines protocol between the checker and python/harness.py: one JSON object per line each way.
// Keep in step with python/harness.py (requests, responses) and python/optlab_wire.py (values).
// Learner code never runs in the process at the other end of this protocol: the harness forks a child for each
// call, validates what the child sends and forwards it (see docs/guide/checker.md, "Safety").

/** numpy's dtype strings for the arrays that cross: little-endian float, int, unsigned, bool. */
export type WireDtype = '<f8' | '<f4' | '<i8' | '<i4' | '<i2' | '|i1' | '<u8' | '<u4' | '<u2' | '|u1' | '|b1';

/** A Python value. Arrays are base64 of their C-order bytes, so doubles cross bit for bit. */
export type WireValue =
  | { t: 'ndarray'; dtype: WireDtype; shape: number[]; data: string }
  /** A value stored earlier in the worker with a `store` request (requests only). */
  | { t: 'ref'; key: string }
  /** JSON has no NaN or infinities and JavaScript writes -0 as 0: those travel as strings. */
  | { t: 'float'; v: number | 'nan' | 'inf' | '-inf' | '-0'; dtype?: string }
  /** Integers beyond 2^53 travel as decimal strings. */
  | { t: 'int'; v: number | string; dtype?: string }
  | { t: 'bool'; v: boolean }
  | { t: 'str'; v: string }
  | { t: 'none' }
  | { t: 'list'; items: WireValue[] }
  | { t: 'tuple'; items: WireValue[] }
  | { t: 'dict'; entries: Array<[WireValue, WireValue]> }
  /**
   * (Responses only) a big array whose SHA-1, computed by the harness from the bytes the learner's process
   * sent, is the one in the call's `sameDigests` for its place. `proof` is SHA-256 of the call's `nonce` and
   * those bytes (as float64): the checker accepts it only when it equals the same digest of the expected array,
   * so a forged line (written into a pipe by learner code, say) cannot claim a match it cannot compute.
   */
  | { t: 'same'; dtype: string; shape: number[]; proof: string }
  /** Anything else a learner returned: its type name and a short repr. */
  | { t: 'other'; type: string; repr: string; shape?: number[] };

export interface LoadRequest {
  id: number;
  type: 'load';
  source: string;
}
/**
 * Keeps a big input array (the 12288 x 148 mini-batch case) in the worker so later calls send only a ref.
 * The line is followed by `byteLength` raw bytes: the array in C order.
 */
export interface StoreRequest {
  id: number;
  type: 'store';
  key: string;
  dtype: WireDtype;
  shape: number[];
  byteLength: number;
}
export interface CallRequest {
  id: number;
  type: 'call';
  function: string;
  args: WireValue[];
  kwargs: Record<string, WireValue>;
  /**
   * SHA-1 of the float64 little-endian bytes of big expected arrays, keyed by the JSON of their place in the result
   * (`[2,0]`: item 2, item 0). A returned array with that digest comes back as `same` instead of its data.
   */
  sameDigests?: Record<string, string>;
  /** Fresh random hex for each call: what `same` proofs are salted with (see WireValue `same`). */
  nonce?: string;
  /** The harness ends the call's process after this long and answers `ended` (reason `timeout`). */
  timeoutMs?: number;
  /** Call the same function object a second time on fresh inputs and return that value too (`again`). */
  again?: boolean;
  /**
   * The calls of one function's check share this id: they run one after another in one process (fresh inputs
   * each time), which the harness keeps until a call of another session, a `release`, a `store`, or a call
   * that did not answer. Without it the call's process is ended after the call.
   */
  session?: string;
}
/** Ends the process kept for `session` (a function's check is over): nothing it started outlives the check. */
export interface ReleaseRequest {
  id: number;
  type: 'release';
  session: string;
}
export type WorkerRequest = LoadRequest | StoreRequest | CallRequest | ReleaseRequest;

export interface SyntaxErrorInfo {
  message: string;
  line: number;
  column: number | null;
}
export interface FoundFunction {
  name: string;
  line: number;
  /** The function's part of the file does not parse. */
  syntaxError?: SyntaxErrorInfo;
}
export interface LearnerException {
  type: string;
  message: string;
  /** 1-based line in the learner's source of the innermost learner frame. */
  line: number | null;
  /** Only the learner's frames, with their source lines. */
  traceback: string;
}

export interface ReadyMessage {
  type: 'ready';
  python: string;
  numpy: string;
  executable: string;
  memoryLimitBytes: number | null;
  /** Whether calls run behind the seccomp filter (Linux x86-64 / arm64 where the kernel allows it). */
  syscallFilter?: boolean;
}
export interface FatalMessage {
  type: 'fatal';
  reason: 'numpy-missing' | 'python-too-old';
  message: string;
  python?: string;
  executable?: string;
}
export interface LoadedResponse {
  id: number;
  type: 'loaded';
  functions: FoundFunction[];
}
export interface StoredResponse {
  id: number;
  type: 'stored';
}
export interface ReleasedResponse {
  id: number;
  type: 'released';
}
/** Facts about returned objects that their values cannot show (python/optlab_facts.py). */
export interface ResultFacts {
  /** Pairs of returned items that are the same dict ("v is s"), as [i, j]. */
  sameObject?: Array<[number, number]>;
  /** Pairs of returned items with a key whose arrays share memory, as [i, j, key]. */
  sharedArrays?: Array<[number, number, string]>;
}

export interface ReturnedResponse {
  id: number;
  type: 'returned';
  value: WireValue;
  /** What the function printed, truncated. */
  output: string;
  /** What the values cannot show: returned items that are one object or share arrays (python/optlab_facts.py). */
  facts?: ResultFacts;
  /** With `again`: what the second call returned (`other` of type "raised" when it raised). */
  again?: WireValue;
  /** With `again`: the positions of the arguments the first call modified. */
  changedInputs?: number[];
}
export interface RaisedResponse {
  id: number;
  type: 'raised';
  error: LearnerException;
  output: string;
}
/**
 * The call's process did not answer with a value or an exception: it ran out of time or memory, ended, returned
 * something too large or unusable, or wrote something unreadable on its pipe. `message` says which, for the learner.
 */
export interface EndedResponse {
  id: number;
  type: 'ended';
  reason: 'timeout' | 'memory' | 'exited' | 'too-large' | 'unusable' | 'unreadable';
  message: string;
  output: string;
}
/** Sent while a call runs: the process group of the call's process, which the extension ends if the harness dies. */
export interface RunningMessage {
  type: 'running';
  id: number;
  pgid: number;
}
/** The harness could not handle a request (a bug on our side, not the learner's). */
export interface FailedResponse {
  id: number | null;
  type: 'failed';
  message: string;
}
export type WorkerResponse = LoadedResponse | StoredResponse | ReleasedResponse | ReturnedResponse | RaisedResponse | EndedResponse | FailedResponse;
export type WorkerMessage = ReadyMessage | FatalMessage | RunningMessage | WorkerResponse;

/** The response type each request gets (besides `failed`). */
export interface ResponseOf {
  load: LoadedResponse;
  store: StoredResponse;
  release: ReleasedResponse;
  call: ReturnedResponse | RaisedResponse | EndedResponse;
}
