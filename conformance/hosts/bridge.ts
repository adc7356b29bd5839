/**
 * The runner's end of the host protocol (conformance/protocol/README.md): starts a host process,
 * talks to it over two FIFOs (never its stdout/stderr) with blocking reads, so a proxy call is an
 * ordinary synchronous call for the checks. Values travel as tagged JSON, float64 arrays as the
 * base64 of their little-endian bytes (exact). Arrays the host keeps (constructor arguments,
 * attributes read) are mirrored: a change on either side travels with the next message.
 *
 * The calling thread blocks while the host works; the host enforces each call's time limit itself
 * (SIGALRM in the Python host), and the supervisor (conformance/isolation) kills a runner whose
 * host hangs where no signal reaches.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Matrix } from "../../src/base/matrix.js";

export const PROTOCOL_VERSION = 1;

/** The host went away or broke the protocol: the run cannot trust this host any more. */
export class HostDied extends Error {
  override name = "HostDied";
}

/** A call the host answered with an error (an exception, a time limit, sys.exit, …). */
export class HostCallError extends Error {
  override name = "HostCallError";
  constructor(
    readonly kind: string,
    message: string,
    readonly traceback?: string,
    readonly output?: string,
  ) {
    super(message);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export interface ArrayPayload {
  dtype: "f8" | "i8" | "i4" | "b1";
  shape: number[];
  data?: string;
  ref?: string;
}

export interface HostOptions {
  /** argv of the host program; the two FIFO paths are appended. */
  command: string[];
  cwd?: string;
}

/** A handle to an object living in the host. */
export interface Remote {
  readonly handle: number;
  readonly className: string;
}
export type RemoteFactory = (handle: number, className: string) => object;

const DTYPE_BYTES = { f8: 8, i8: 8, i4: 4, b1: 1 } as const;

export function encodeArray(
  a: Float64Array | Int32Array | BigInt64Array | Uint8Array,
  shape: number[],
  dtype: ArrayPayload["dtype"],
): ArrayPayload {
  const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return { dtype, shape, data: bytes.toString("base64") };
}

/**
 * Integers as an int64 payload. Each value's two 32-bit words are written directly when it fits in
 * 32 bits (class labels always do: no BigInt per value); larger ones go through BigInt.
 */
export function encodeIntegers(values: ArrayLike<number>): ArrayPayload {
  const n = values.length;
  const words = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x = Math.trunc(values[i]);
    if (x === (x | 0)) {
      words[2 * i] = x;
      words[2 * i + 1] = x < 0 ? -1 : 0;
    } else new BigInt64Array(words.buffer, 8 * i, 1)[0] = BigInt(x);
  }
  return encodeArray(words, [n], "i8");
}

/** Float64 values of an array payload (integers and booleans converted), exactly. */
export function decodeArray(p: ArrayPayload): Float64Array {
  const raw = Buffer.from(p.data ?? "", "base64");
  const n = p.shape.reduce((a, b) => a * b, 1);
  const size = DTYPE_BYTES[p.dtype];
  if (size === undefined) throw new HostDied(`protocol: unknown dtype ${JSON.stringify(p.dtype)}`);
  if (raw.length !== n * size)
    throw new HostDied(`protocol: array of shape [${p.shape}] carries ${raw.length} bytes, expected ${n * size}`);
  const copy = new Uint8Array(raw); // aligned
  if (p.dtype === "f8") return new Float64Array(copy.buffer, 0, n);
  if (p.dtype === "i4") return Float64Array.from(new Int32Array(copy.buffer, 0, n));
  if (p.dtype === "i8") return Float64Array.from(new BigInt64Array(copy.buffer, 0, n), Number);
  return Float64Array.from(copy);
}

function numberOut(x: number): Json {
  if (Number.isNaN(x)) return { $num: "NaN" };
  if (x === Infinity) return { $num: "Infinity" };
  if (x === -Infinity) return { $num: "-Infinity" };
  if (Object.is(x, -0)) return { $num: "-0" };
  return x;
}

const NUMS: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

interface Mirror {
  m: Matrix;
  /** The bytes of m.data (a view, made once). */
  bytes: Buffer;
  /** The bytes as last sent or received (a copy). */
  snap: Buffer;
}

function bytesOf(m: Matrix): Buffer {
  return Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
}

function mirrorOf(m: Matrix): Mirror {
  const bytes = bytesOf(m);
  return { m, bytes, snap: Buffer.from(bytes) };
}

/** The mirror's current bytes (its view, remade only for a matrix-like object whose data was replaced). */
function bytesNow(mirror: Mirror): Buffer {
  const { bytes, m } = mirror;
  if (bytes.buffer !== m.data.buffer || bytes.byteOffset !== m.data.byteOffset || bytes.length !== m.data.byteLength)
    mirror.bytes = bytesOf(m);
  return mirror.bytes;
}

/** Records the mirror's bytes as the other side's (into the same snapshot: no allocation per call). */
function synced(mirror: Mirror): void {
  const now = bytesNow(mirror);
  if (mirror.snap.length === now.length) mirror.snap.set(now);
  else mirror.snap = Buffer.from(now);
}

/** Labels (class indices) as an int64 array. */
export class Labels {
  constructor(readonly values: ArrayLike<number>) {}
}

export class HostBridge {
  private child: ChildProcess | null = null;
  private reqFd = -1;
  private respFd = -1;
  private dir = "";
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private nextRef = 1;
  private refOf = new WeakMap<Matrix, string>();
  private mirrors = new Map<string, Mirror>();
  /** Arrays sent with the request in flight: the host's in-place changes to them come back. */
  private scope = new Map<string, Matrix>();
  private depth = 0;
  private remotes = new Map<number, object>();
  private functions = new Map<number, (...args: unknown[]) => unknown>();
  private fnIds = new Map<unknown, number>();
  private nextFn = 1;
  /** Seconds each call may take (the remaining budget of the check). */
  timeoutFor: () => number = () => 10;
  exitInfo: { code: number | null; signal: string | null } | null = null;
  /** Set when a call of the current check ran past its time limit: the check's later calls fail at once with it. */
  expired: HostCallError | null = null;
  /** Set once the host has died or broken the protocol: every later request fails at once with it. */
  dead: HostDied | null = null;
  logPath = "";
  calls = 0;

  /** Makes the local stand-in for a host object the host hands over. */
  makeRemote: RemoteFactory = (handle) => ({ [REMOTE]: handle });

  constructor(private readonly options: HostOptions) {}

  /** Gives a host object its stand-in, so the same object always comes back as the same stand-in. */
  remember(handle: number, proxy: object): void {
    this.remotes.set(handle, proxy);
  }

  start(): void {
    this.dir = mkdtempSync(join(tmpdir(), "conformance-host-"));
    const req = join(this.dir, "req"),
      resp = join(this.dir, "resp");
    for (const p of [req, resp]) {
      const r = spawnSync("mkfifo", [p]);
      if (r.status !== 0) throw new HostDied(`mkfifo ${p} failed: ${r.stderr?.toString() ?? r.error?.message}`);
    }
    this.logPath = join(this.dir, "output.log");
    const log = openSync(this.logPath, "w");
    const [cmd, ...args] = this.options.command;
    this.exitInfo = null;
    const child = spawn(cmd, [...args, req, resp], { stdio: ["ignore", log, log], cwd: this.options.cwd });
    closeSync(log);
    child.on("exit", (code, signal) => (this.exitInfo = { code, signal }));
    child.on("error", () => (this.exitInfo = { code: null, signal: null }));
    this.child = child;
    // The host opens req for reading, then resp for writing; the same order here cannot deadlock.
    this.reqFd = openSync(req, "w");
    this.respFd = openSync(resp, "r");
    this.buffer = Buffer.alloc(0);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The tail of what the host process wrote to its own stdout/stderr (crash reports, C-level prints). */
  logTail(n = 1500): string {
    try {
      const s = readFileSync(this.logPath, "utf8");
      return s.length > n ? "…" + s.slice(-n) : s;
    } catch {
      return "";
    }
  }

  stop(): void {
    if (this.reqFd >= 0) closeSync(this.reqFd);
    if (this.respFd >= 0) closeSync(this.respFd);
    this.reqFd = this.respFd = -1;
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    this.child = null;
    this.reset(false);
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // left in tmp
    }
  }

  /** Forgets every handle and mirror (between checks); tells the host when asked. */
  reset(tellHost = true, seed = 0): void {
    this.expired = null;
    this.mirrors.clear();
    this.scope.clear();
    this.remotes.clear();
    this.functions.clear();
    this.fnIds.clear();
    this.refOf = new WeakMap();
    if (tellHost) this.request({ op: "reset", seed });
  }

  // -------------------------------------------------------------------------------------------
  // Values

  encode(v: unknown, retain = false): Json {
    if (v === undefined || v === null) return null;
    if (typeof v === "number") return numberOut(v);
    if (typeof v === "boolean" || typeof v === "string") return v;
    if (v instanceof Labels) return { $array: encodeIntegers(v.values) } as unknown as Json;
    if (isMatrix(v)) return { $array: this.arrayOut(v, retain) } as unknown as Json;
    if (v instanceof Int32Array) return { $array: encodeIntegers(v) } as unknown as Json;
    if (v instanceof Float64Array) return { $array: encodeArray(v, [v.length], "f8") } as unknown as Json;
    if (typeof v === "function") {
      // One id per function (a check's generator goes with every call it makes).
      let id = this.fnIds.get(v);
      if (id === undefined) {
        id = this.nextFn++;
        this.fnIds.set(v, id);
        this.functions.set(id, v as (...args: unknown[]) => unknown);
      }
      return { $fn: id };
    }
    if (Array.isArray(v)) return v.map((x) => this.encode(x, retain));
    if (typeof v === "object") {
      const handle = (v as { [REMOTE]?: number })[REMOTE];
      if (typeof handle === "number") return { $obj: handle };
      if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), this.encode(x, retain)]));
      return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, this.encode(x, retain)]));
    }
    throw new TypeError(`cannot send a ${typeof v} to the host`);
  }

  private arrayOut(m: Matrix, retain: boolean): ArrayPayload {
    let ref = this.refOf.get(m);
    if (ref === undefined) {
      ref = `t${this.nextRef++}`;
      this.refOf.set(m, ref);
    }
    const p = { ...encodeArray(m.data, [m.rows, m.cols], "f8"), ref };
    const mirror = this.mirrors.get(ref);
    if (mirror) synced(mirror);
    else if (retain) this.mirrors.set(ref, mirrorOf(m));
    else this.scope.set(ref, m);
    return p;
  }

  decode(v: Json, retain = false): unknown {
    if (v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map((x) => this.decode(x, retain));
    const keys = Object.keys(v);
    if (keys.length === 1 || (keys.length === 2 && "class" in v)) {
      if ("$array" in v) return this.arrayIn(v.$array as unknown as ArrayPayload, retain);
      if ("$num" in v) {
        const n = NUMS[v.$num as string];
        if (n === undefined) throw new HostDied(`protocol: bad $num ${JSON.stringify(v.$num)}`);
        return n;
      }
      if ("$obj" in v) {
        const h = v.$obj as number;
        let r = this.remotes.get(h);
        if (!r) {
          r = this.makeRemote(h, String(v.class ?? "object"));
          this.remotes.set(h, r);
        }
        return r;
      }
      if ("$repr" in v) return String(v.$repr);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.decode(x, retain)]));
  }

  private arrayIn(p: ArrayPayload, retain: boolean): Matrix {
    const values = decodeArray(p);
    const [rows, cols] =
      p.shape.length === 0
        ? [1, 1]
        : p.shape.length === 1
          ? [1, p.shape[0]]
          : [p.shape[0], p.shape.slice(1).reduce((a, b) => a * b, 1)];
    const known = p.ref !== undefined ? this.mirrors.get(p.ref) : undefined;
    if (known && known.m.data.length === values.length && known.m.rows === rows) {
      known.m.data.set(values);
      synced(known);
      return known.m;
    }
    const m = new Matrix(rows, cols, values);
    if (p.ref !== undefined && retain) {
      this.refOf.set(m, p.ref);
      this.mirrors.set(p.ref, mirrorOf(m));
    }
    return m;
  }

  /** Mirrors changed on this side since they were last sent. */
  private dirty(): ArrayPayload[] {
    const out: ArrayPayload[] = [];
    for (const [ref, mirror] of this.mirrors) {
      if (!bytesNow(mirror).equals(mirror.snap)) {
        synced(mirror);
        out.push({ ...encodeArray(mirror.m.data, [mirror.m.rows, mirror.m.cols], "f8"), ref });
      }
    }
    return out;
  }

  private applyChanges(items: ArrayPayload[] | undefined): void {
    for (const p of items ?? []) {
      if (p.ref === undefined) continue;
      const mirror = this.mirrors.get(p.ref);
      const m = mirror?.m ?? this.scope.get(p.ref);
      if (!m) continue;
      const values = decodeArray(p);
      if (values.length === m.data.length) {
        m.data.set(values);
        if (mirror) synced(mirror);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Messages

  private write(msg: object): void {
    const line = JSON.stringify(msg) + "\n";
    try {
      // The string itself (no Buffer of our own); a write cut short goes on from the bytes.
      let off = writeSync(this.reqFd, line);
      if (off < Buffer.byteLength(line)) {
        const bytes = Buffer.from(line, "utf8");
        while (off < bytes.length) off += writeSync(this.reqFd, bytes, off);
      }
    } catch (e) {
      throw new HostDied(`the host closed its request channel (${(e as Error).message})${this.describeExit()}`);
    }
  }

  private chunk = Buffer.allocUnsafe(1 << 16);

  private readLine(): string {
    const chunk = this.chunk;
    for (;;) {
      const nl = this.buffer.length ? this.buffer.indexOf(10) : -1;
      if (nl >= 0) {
        const line = this.buffer.subarray(0, nl).toString("utf8");
        this.buffer = this.buffer.subarray(nl + 1);
        return line;
      }
      let n: number;
      try {
        n = readSync(this.respFd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
        throw new HostDied(`reading from the host failed: ${(e as Error).message}`);
      }
      if (n === 0) throw new HostDied(`the host process ended${this.describeExit()}`);
      // The usual case: one read brings exactly one whole line (decoded from the chunk, not copied first).
      if (this.buffer.length === 0 && chunk[n - 1] === 10 && chunk.indexOf(10) === n - 1)
        return chunk.toString("utf8", 0, n - 1);
      this.buffer = this.buffer.length
        ? Buffer.concat([this.buffer, chunk.subarray(0, n)])
        : Buffer.from(chunk.subarray(0, n));
    }
  }

  private describeExit(): string {
    // The exit event needs the event loop; give the process a moment to be reaped.
    if (!this.exitInfo && this.child?.pid) {
      spawnSync("sleep", ["0.05"]);
      try {
        const stat = readFileSync(`/proc/${this.child.pid}/stat`, "utf8");
        if (/\) Z /.test(stat)) return " (the process has exited)";
      } catch {
        return " (the process has exited)";
      }
    }
    if (!this.exitInfo) return "";
    const { code, signal } = this.exitInfo;
    return signal ? ` (killed by ${signal})` : ` (exit code ${code})`;
  }

  /** One request and its answer; the host's callbacks into this side are served meanwhile. */
  request(msg: Record<string, unknown>, retainResult = false): unknown {
    if (this.dead) throw this.dead;
    if (this.reqFd < 0) throw new HostDied("the host is not running");
    if (this.expired && msg.op !== "reset") throw this.expired;
    const id = this.nextId++;
    this.calls++;
    const arrays = this.dirty();
    this.depth++;
    try {
      this.write({ ...msg, id, timeout: this.timeoutFor(), ...(arrays.length ? { arrays } : {}) });
      return this.awaitAnswer(id, retainResult);
    } catch (e) {
      if (e instanceof HostDied) this.dead = e;
      throw e;
    } finally {
      if (--this.depth === 0) this.scope.clear();
    }
  }

  private awaitAnswer(id: number, retainResult: boolean): unknown {
    for (;;) {
      const line = this.readLine();
      let answer: Record<string, unknown>;
      try {
        answer = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new HostDied(`garbage on the protocol channel: ${JSON.stringify(line.slice(0, 200))}`);
      }
      if (answer === null || typeof answer !== "object")
        throw new HostDied(`garbage on the protocol channel: ${JSON.stringify(line.slice(0, 200))}`);
      this.applyChanges(answer.arrays as ArrayPayload[] | undefined);
      if ("callback" in answer) {
        this.serveCallback(answer.callback as number, (answer.args ?? []) as Json[]);
        continue;
      }
      if (answer.id !== id)
        throw new HostDied(`protocol: answer to request ${JSON.stringify(answer.id)} while waiting for ${id}`);
      if (answer.ok === true) return this.decode(answer.value as Json, retainResult);
      const e = (answer.error ?? {}) as { kind?: string; message?: string; traceback?: string; output?: string };
      const err = new HostCallError(
        e.kind ?? "exception",
        e.message ?? "the host reported an error",
        e.traceback,
        e.output,
      );
      if (err.kind === "timeout") this.expired = err;
      throw err;
    }
  }

  private serveCallback(fnId: number, args: Json[]): void {
    const fn = this.functions.get(fnId);
    let reply: Record<string, unknown>;
    try {
      if (!fn) throw new Error(`no function ${fnId}`);
      const value = fn(...(this.decode(args) as unknown[]));
      reply = { op: "return", value: this.encode(value) };
    } catch (e) {
      if (e instanceof HostDied) throw e;
      reply = { op: "raise", message: (e as Error).message ?? String(e) };
    }
    const arrays = this.dirty();
    this.write({ ...reply, ...(arrays.length ? { arrays } : {}) });
  }
}

export const REMOTE = Symbol("remote handle");

function isMatrix(v: unknown): v is Matrix {
  return (
    v instanceof Matrix ||
    (typeof v === "object" &&
      v !== null &&
      (v as Matrix).data instanceof Float64Array &&
      typeof (v as Matrix).rows === "number" &&
      typeof (v as Matrix).cols === "number")
  );
}
