#!/usr/bin/env python3
"""The conformance host for Python implementations of chapter 6 (protocol version 1).

Usage: python3 host.py REQUEST_PATH RESPONSE_PATH

Reads requests (one JSON object per line) from REQUEST_PATH and writes responses to
RESPONSE_PATH; both are pipes (FIFOs) that are not this process's stdout/stderr, so whatever
the implementation prints never reaches the protocol channel (it is captured instead). See
conformance/protocol/README.md for the messages. Standard library and NumPy only; Python >= 3.8,
NumPy 1.x and 2.x.
"""
import sys

PROTOCOL = 1

# Open the channel before anything that could fail (a missing NumPy is reported over it).
_req = open(sys.argv[1], "rb")
_resp = open(sys.argv[2], "wb")
_resp_fd = _resp.fileno()

import base64
import builtins
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import inspect
import io
import json
import os
import re
import signal
import traceback
import types

try:
    import numpy as np
except Exception as e:  # reported in the hello answer
    np = None
    _numpy_error = "%s: %s" % (type(e).__name__, e)


# One encoder and one decoder for every message. No cycle check: encode() below builds trees
# (depth at most 20), never cycles, and the check costs more than the rest of a small message.
_to_json = json.JSONEncoder(separators=(",", ":"), allow_nan=False, check_circular=False).encode
_from_json = json.JSONDecoder().decode


def send(obj):
    data = (_to_json(obj) + "\n").encode("utf-8")
    n = os.write(_resp_fd, data)  # one write syscall per message (a long one may need more)
    while n < len(data):
        n += os.write(_resp_fd, data[n:])


def receive():
    line = _req.readline()
    if not line:
        raise EOFError
    return _from_json(line.decode("utf-8"))


# ------------------------------------------------------------------------------------------
# Captured output: the implementation's prints go to a bounded buffer, never to the channel.

class Capture(io.TextIOBase):
    LIMIT = 4000

    def __init__(self):
        self.tail = ""
        self.count = 0

    def write(self, s):
        s = str(s)
        self.count += len(s)
        self.tail = (self.tail + s)[-self.LIMIT:]
        return len(s)

    def flush(self):
        pass

    def isatty(self):
        return False

    def take(self):
        t = self.tail
        self.tail = ""
        return t


captured = Capture()
sys.stdout = captured
sys.stderr = captured
builtins.input = lambda *a, **k: ""


# ------------------------------------------------------------------------------------------
# Time limits: SIGALRM interrupts Python code that loops; a hang inside C code is the runner's
# to end (it kills this process).

class CallTimeout(BaseException):
    pass


def _alarm(signum, frame):
    raise CallTimeout()


signal.signal(signal.SIGALRM, _alarm)


def _watch_parent(parent):
    # The runner may be killed outright (SIGKILL on its own time limit) while this process is stuck
    # in the implementation's code; a daemon thread ends the host as soon as its parent is gone, so
    # no host is ever left spinning.
    import threading
    import time

    def watch():
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(3)

    threading.Thread(target=watch, daemon=True).start()


_watch_parent(os.getppid())


armed = [False]   # whether the alarm is set (so the host clears it only then)


class limit:
    def __init__(self, seconds):
        self.seconds = seconds

    def __enter__(self):
        if self.seconds and self.seconds > 0:
            armed[0] = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        disarm()
        return False


def disarm():
    if armed[0]:
        signal.setitimer(signal.ITIMER_REAL, 0)
        armed[0] = False


# ------------------------------------------------------------------------------------------
# Values: JSON with tagged objects; float64 arrays exact as base64 of little-endian bytes.

objects = {}      # handle -> Python object
handle_of = {}    # id(object) -> handle (objects holds them, so ids stay unique)
arrays = {}       # ref -> [ndarray, bytes last synced]: arrays shared with the runner
ref_of = {}       # id(ndarray) -> ref
watched = set()   # refs the runner keeps a mirror of (constructor arguments, attributes read)
watched_entries = [None]  # [(ref, arrays[ref])] for the watched refs; rebuilt when either changes
touched = []      # refs that arrived with the request in flight
next_handle = [1]
DTYPES = {"f8": "<f8", "i8": "<i8", "i4": "<i4", "b1": "|b1"}
# the same types in this machine's byte order (computed once, not per array)
NATIVE = {np.dtype(d).str: np.dtype(d).newbyteorder("=") for d in DTYPES.values()} if np is not None else {}


def new_handle(obj):
    h = next_handle[0]
    next_handle[0] += 1
    objects[h] = obj
    handle_of.setdefault(id(obj), h)
    return h


def forget_object(h):
    obj = objects.pop(h, None)
    if obj is not None and handle_of.get(id(obj)) == h:
        del handle_of[id(obj)]
        for other, o in objects.items():  # another handle to the same object (rare) takes over
            if o is obj:
                handle_of[id(obj)] = other
                break
    return obj


def array_payload(a):
    a = np.ascontiguousarray(a)
    if a.dtype.kind == "f":
        a, dt = a.astype("<f8", copy=False), "f8"
    elif a.dtype.kind == "b":
        a, dt = a.astype("|b1", copy=False), "b1"
    elif a.dtype.kind in "iu":
        a, dt = a.astype("<i8", copy=False), "i8"
    else:
        raise TypeError("cannot send an array of dtype %s" % a.dtype)
    return {"dtype": dt, "shape": list(a.shape), "data": base64.b64encode(a.tobytes()).decode("ascii")}


def wire_values(p):
    """The payload's values as a flat read-only array over its decoded bytes, and its shape."""
    dt = DTYPES.get(p.get("dtype"))
    if dt is None:
        raise ProtocolError("unknown dtype %r" % p.get("dtype"))
    flat = np.frombuffer(base64.b64decode(p["data"], validate=True), dtype=dt)
    shape = tuple(map(int, p["shape"]))
    n = 1
    for s in shape:  # the size in plain Python (np.prod costs more than the check)
        n *= s
    if flat.size != n:
        raise ProtocolError("array of shape %s carries %d values" % (list(shape), flat.size))
    return flat, shape


def array_from(p):
    flat, shape = wire_values(p)
    return flat.astype(NATIVE[flat.dtype.str]).reshape(shape)


def array_into(ref, p):
    """New contents for the shared array `ref`, written in place (aliases see them); False when
    they do not fit it (another size or kind), so the caller registers a new array instead."""
    entry = arrays.get(ref)
    if entry is None:
        return False
    old = entry[0]
    flat, _ = wire_values(p)
    if old.size != flat.size or old.dtype.kind != flat.dtype.kind:
        return False
    old.reshape(-1)[...] = flat
    entry[1] = old.tobytes()
    return True


INF = float("inf")


def number_out(x):
    x = float(x)
    if x != x:
        return {"$num": "NaN"}
    if x == INF or x == -INF:
        return {"$num": "Infinity" if x > 0 else "-Infinity"}
    if x == 0 and str(x).startswith("-"):
        return {"$num": "-0"}
    return x


class ProtocolError(Exception):
    pass


def watch(refs):
    watched.update(refs)
    watched_entries[0] = None


def register(ref, a):
    arrays[ref] = [a, a.tobytes()]
    watched_entries[0] = None
    ref_of[id(a)] = ref
    touched.append(ref)


def decode(v):
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k == "$array":
                ref = x.get("ref")
                if "data" not in x:
                    if ref not in arrays:
                        raise ProtocolError("no array with ref %r" % ref)
                    touched.append(ref)
                    return arrays[ref][0]
                if ref is not None and array_into(ref, x):
                    touched.append(ref)
                    return arrays[ref][0]
                a = array_from(x)
                if ref is not None:
                    register(ref, a)
                return a
            if k == "$num":
                return float({"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf", "-0": "-0.0"}[x])
            if k == "$obj":
                if x not in objects:
                    raise ProtocolError("no object with handle %r" % x)
                return objects[x]
            if k == "$fn":
                return remote_function(x)
        return {k: decode(x) for k, x in v.items()}
    return v


def encode(v, depth=0):
    if depth > 20:
        return {"$repr": "…"}
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return number_out(v)
    if np is not None:
        if isinstance(v, np.ndarray):
            if v.dtype.kind not in "fiub":
                return {"$repr": repr(v)[:200]}
            if v.ndim == 0:
                return encode(v.item())
            p = array_payload(v)
            ref = ref_of.get(id(v))
            if ref is not None and arrays.get(ref, [None])[0] is v:
                p["ref"] = ref
            return {"$array": p}
        if isinstance(v, np.generic):
            return encode(v.item())
    if isinstance(v, (list, tuple)):
        return [encode(x, depth + 1) for x in v]
    if isinstance(v, dict):
        return {str(k): encode(x, depth + 1) for k, x in v.items()}
    if callable(v) and not inspect.isclass(v) and not hasattr(v, "__dict__"):
        return {"$repr": repr(v)[:200]}
    h = handle_of.get(id(v))
    if h is None or objects.get(h) is not v:
        h = new_handle(v)
    return {"$obj": h, "class": type(v).__name__}


def track(v, depth=0):
    """Arrays reachable from an attribute the runner reads are shared: they get refs, and their
    changes travel after every call."""
    if np is not None and isinstance(v, np.ndarray) and v.dtype.kind in "fiub" and v.ndim > 0:
        ref = ref_of.get(id(v))
        if ref is not None and arrays.get(ref, [None])[0] is v:
            watch([ref])
            return
        next_handle[0] += 1
        register("h%d" % next_handle[0], v)
        watch(["h%d" % next_handle[0]])
    elif isinstance(v, dict) and depth < 3:
        for x in v.values():
            track(x, depth + 1)
    elif isinstance(v, (list, tuple)) and depth < 3:
        for x in v:
            track(x, depth + 1)


def changed_arrays():
    entries = watched_entries[0]
    if entries is None:
        entries = watched_entries[0] = [(ref, arrays[ref]) for ref in watched if ref in arrays]
    if touched:
        entries = entries + [(ref, arrays[ref]) for ref in set(touched).difference(watched) if ref in arrays]
        del touched[:]
    # Bytes, not values (-0 vs 0 and NaN payloads are changes); all compared in one list
    # comparison, and only on a difference array by array.
    now = [entry[0].tobytes() for _, entry in entries]
    if now == [entry[1] for _, entry in entries]:
        return []
    out = []
    for (ref, entry), b in zip(entries, now):
        if b != entry[1]:
            entry[1] = b
            p = array_payload(entry[0])
            p["ref"] = ref
            out.append(p)
    return out


def apply_sync(items):
    for p in items or ():
        ref = p["ref"]
        if not array_into(ref, p):
            register(ref, array_from(p))


# ------------------------------------------------------------------------------------------
# Callbacks into the runner (functions handed over, and the check's random draws).

def wait_return():
    while True:
        msg = receive()
        if msg.get("op") == "return":
            apply_sync(msg.get("arrays"))
            return decode(msg.get("value"))
        if msg.get("op") == "raise":
            raise RemoteError(msg.get("message", "the runner's function raised"))
        handle(msg)  # a nested request made by the runner's function


class RemoteError(Exception):
    pass


def remote_function(fn_id):
    def call(*args):
        send({"callback": fn_id, "args": encode(list(args)), "arrays": changed_arrays()})
        return wait_return()
    call.__name__ = "runner_function_%s" % fn_id
    return call


current_rng = [None]
preloaded = []    # draws the runner sent with the call (a frozen dropout mask), used before asking


def draws(kind, shape):
    fn = current_rng[0]
    if fn is None:
        return None
    shape = [int(s) for s in shape]
    n = 1
    for s_ in shape:
        n *= s_
    if preloaded and preloaded[0].size == n:
        return preloaded.pop(0)
    del preloaded[:]
    send({"callback": fn, "args": [kind, shape], "arrays": []})
    return wait_return()


def _shape_of(args, kwargs):
    if "size" in kwargs:
        args = (kwargs["size"],)
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        args = tuple(args[0])
    if len(args) == 1 and args[0] is None:
        args = ()
    return [int(a) for a in args]


def make_random_shim():
    """np.random as the implementation's modules see it: rand/random/randn draw from the check's
    generator (the runner's Rng, through callbacks) while a call that carries one runs; otherwise,
    and for every other function, NumPy's own (seeded per check)."""
    real = np.random
    shim = types.ModuleType("numpy.random")

    def uniform_like(*args, **kwargs):
        shape = _shape_of(args, kwargs)
        d = draws("uniform", shape)
        if d is None:
            return real.rand(*shape) if shape else real.rand()
        return d.reshape(shape) if shape else float(d.reshape(-1)[0])

    def normal_like(*args, **kwargs):
        shape = _shape_of(args, kwargs)
        d = draws("normal", shape)
        if d is None:
            return real.randn(*shape) if shape else real.randn()
        return d.reshape(shape) if shape else float(d.reshape(-1)[0])

    def random_sample(size=None):
        return uniform_like(size=size)

    def uniform(low=0.0, high=1.0, size=None):
        # NumPy's definition: low + (high - low) * random_sample(size)
        if current_rng[0] is None:
            return real.uniform(low, high, size)
        return low + (high - low) * uniform_like(size=size)

    def permutation(x):
        # The check's generator shuffles (the runner answers [kind "permutation", [n]] with its own).
        if current_rng[0] is None:
            return real.permutation(x)
        n = int(x) if np.ndim(x) == 0 else len(x)
        perm = draws("permutation", [n]).reshape(-1).astype(np.int64)
        return perm if np.ndim(x) == 0 else np.asarray(x)[perm]

    def __getattr__(name):
        return getattr(real, name)

    shim.rand = uniform_like
    shim.random = random_sample
    shim.random_sample = random_sample
    shim.randn = normal_like
    shim.uniform = uniform
    shim.permutation = permutation
    shim.__getattr__ = __getattr__
    return shim


class NumpyShim(types.ModuleType):
    def __init__(self, random_shim):
        super().__init__("numpy")
        self.random = random_shim

    def __getattr__(self, name):
        value = getattr(np, name)
        setattr(self, name, value)  # kept: the implementation's next np.<name> does not come here
        return value


# ------------------------------------------------------------------------------------------
# Loading the implementation: stubs for absent packages, the book's layout, time limits.

stubbed = []
ALWAYS_STUB = {"matplotlib", "pylab", "seaborn", "IPython", "tqdm"}


class Stub(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return StubValue()


class StubValue:
    def __call__(self, *a, **k):
        return StubValue()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return StubValue()

    def __iter__(self):
        return iter(())

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on sys.meta_path: a package nobody else can find becomes a stub (and is reported)."""

    def __init__(self, always):
        self.always = always

    def find_spec(self, name, path=None, target=None):
        top = name.split(".")[0]
        if self.always and top not in ALWAYS_STUB:
            return None
        if top not in stubbed:
            stubbed.append(top)
        return importlib.machinery.ModuleSpec(name, self, is_package=True)

    def create_module(self, spec):
        m = Stub(spec.name)
        m.__path__ = []
        return m

    def exec_module(self, module):
        pass


WANT = {
    # contract name: (kind, normalised candidate names in order of preference)
    "SGD": ("class", ["sgd"]),
    "Momentum": ("class", ["momentum", "momentumsgd", "sgdmomentum"]),
    "Nesterov": ("class", ["nesterov", "nesterovag", "nag", "nesterovmomentum"]),
    "AdaGrad": ("class", ["adagrad"]),
    "RMSprop": ("class", ["rmsprop"]),
    "Adam": ("class", ["adam"]),
    "Affine": ("class", ["affine", "affinelayer", "linear", "dense"]),
    "Relu": ("class", ["relu", "relulayer"]),
    "Sigmoid": ("class", ["sigmoid", "sigmoidlayer"]),
    "Tanh": ("class", ["tanh", "tanhlayer"]),
    "SoftmaxWithLoss": ("class", ["softmaxwithloss", "softmaxloss", "softmaxcrossentropy", "softmaxwithcrossentropy"]),
    "BatchNormalization": ("class", ["batchnormalization", "batchnorm", "batchnormalisation"]),
    "Dropout": ("class", ["dropout"]),
    "MultiLayerNet": ("class", ["multilayernet"]),
    "MultiLayerNetExtend": ("class", ["multilayernetextend"]),
    "sigmoid": ("function", ["sigmoid"]),
    "relu": ("function", ["relu"]),
    "tanh": ("function", ["tanh"]),
    "leakyRelu": ("function", ["leakyrelu"]),
    "elu": ("function", ["elu"]),
    "softmax": ("function", ["softmax"]),
    "crossEntropyError": ("function", ["crossentropyerror", "crossentropy"]),
    "meanSquaredError": ("function", ["meansquarederror", "mse"]),
    "numericalGradient": ("function", ["numericalgradient"]),
}

# Files of the book's layout, in order of preference.
PREFERRED = ["common/optimizer.py", "common/layers.py", "common/functions.py", "common/gradient.py",
             "common/multi_layer_net.py", "common/multi_layer_net_extend.py"]


_norms = {}


def norm(name):
    hit = _norms.get(name)  # names repeat on every call: each is normalised once
    if hit is None:
        hit = _norms[name] = re.sub(r"[^a-z0-9]", "", name.lower())
    return hit


def top_level_names(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            src = f.read()
    except OSError:
        return set()
    return {norm(m.group(2)) for m in re.finditer(r"^(class|def)\s+([A-Za-z_]\w*)", src, re.M)}


def find_root(d):
    d = os.path.abspath(d)
    if os.path.isdir(os.path.join(d, "common")):
        return d
    if os.path.basename(d) in ("common", "ch06", "ch05", "ch04", "ch03") and os.path.isdir(os.path.join(os.path.dirname(d), "common")):
        return os.path.dirname(d)
    return d


def candidate_files(root):
    wanted = {c for _, cs in WANT.values() for c in cs}
    files = []
    for rel in PREFERRED:
        p = os.path.join(root, rel)
        if os.path.isfile(p):
            files.append(p)
    for sub in ["common", "ch06", "ch05", "ch04", "ch03", "."]:
        d = os.path.join(root, sub)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            p = os.path.normpath(os.path.join(d, f))
            if f.endswith(".py") and p not in files and top_level_names(p) & wanted:
                files.append(p)
    return files


def module_name(root, path):
    rel = os.path.relpath(path, root)[:-3]
    parts = rel.split(os.sep)
    if all(re.match(r"^[A-Za-z_]\w*$", p) for p in parts):
        return ".".join(parts)
    return "_impl_" + re.sub(r"\W", "_", rel)


loaded_modules = []
resolved = {}
warnings = []
import_failures = []  # modules that define contract names but did not load


_previous = {"paths": [], "finders": [], "modules": []}


def forget_implementation():
    """Undoes the last load (sys.path entries, import hooks, modules, names), so a second hello
    loads another folder, or the same folder's edited files, in this warm process."""
    for p in _previous["paths"]:
        if p in sys.path:
            sys.path.remove(p)
    for f in _previous["finders"]:
        if f in sys.meta_path:
            sys.meta_path.remove(f)
    for name in _previous["modules"]:
        sys.modules.pop(name, None)
    for name in list(sys.modules):
        if name == "common" or name.startswith("common."):
            del sys.modules[name]
    _previous.update(paths=[], finders=[], modules=[])
    del loaded_modules[:], warnings[:], import_failures[:], stubbed[:]
    resolved.clear()
    _signatures.clear()
    list_style.clear()
    param_keys.clear()


def load_implementation(root, mapping, per_file_timeout):
    forget_implementation()
    root = find_root(root)
    # The book's scripts do sys.path.append(os.pardir) and import common.*; readers also import
    # flat names (from layers import *). Give both, with root first so its `common` wins.
    for p in [os.path.join(root, "ch06"), os.path.join(root, "common"), root]:
        if os.path.isdir(p):
            sys.path.insert(0, p)
            _previous["paths"].append(p)
    before = set(sys.modules)
    _previous["finders"] = [StubFinder(always=True), StubFinder(always=False)]
    sys.meta_path.insert(0, _previous["finders"][0])
    sys.meta_path.append(_previous["finders"][1])
    cwd = os.path.join(root, "ch06") if os.path.isdir(os.path.join(root, "ch06")) else root
    os.chdir(cwd)
    files = candidate_files(root)
    if mapping and mapping.get("modules"):
        files = [os.path.join(root, m) for m in mapping["modules"]] + files
    for path in files:
        name = module_name(root, path)
        try:
            with limit(per_file_timeout):
                if name in sys.modules and getattr(sys.modules[name], "__file__", None) and os.path.samefile(sys.modules[name].__file__, path):
                    mod = sys.modules[name]
                else:
                    spec = importlib.util.spec_from_file_location(name, path)
                    mod = importlib.util.module_from_spec(spec)
                    sys.modules[name] = mod
                    spec.loader.exec_module(mod)
            loaded_modules.append((os.path.relpath(path, root), mod))
        except CallTimeout:
            import_failures.append("%s: importing it did not finish within %g s (a script that trains at import?); skipped" % (os.path.relpath(path, root), per_file_timeout))
        except SystemExit as e:
            import_failures.append("%s: called sys.exit(%r) at import; skipped" % (os.path.relpath(path, root), e.code))
        except BaseException as e:
            # where in the implementation's own files it raised (not in this host or in NumPy)
            mine = [f for f in traceback.extract_tb(e.__traceback__) if os.path.abspath(f.filename).startswith(root + os.sep)]
            where = " (%s, line %d)" % (os.path.relpath(mine[-1].filename, root), mine[-1].lineno) if mine else ""
            import_failures.append("%s: raised at import, skipped: %s: %s%s" % (os.path.relpath(path, root), type(e).__name__, e, where))
    _previous["modules"] = [n for n in sys.modules if n not in before]
    # np.random in the implementation's modules draws from the check's generator.
    if np is not None:
        shim = NumpyShim(make_random_shim())
        for _, mod in loaded_modules:
            for k, v in list(vars(mod).items()):
                if v is np:
                    setattr(mod, k, shim)
                elif v is np.random:
                    setattr(mod, k, shim.random)
    # Resolve the contract's names: the map first, then the book's names, then the variants.
    explicit = (mapping or {}).get("names", {})
    for contract, (kind, cands) in WANT.items():
        if contract in explicit:
            target = explicit[contract]
            obj = lookup(target)
            if obj is not None:
                resolved[contract] = {"obj": obj, "target": target, "how": "--map"}
                continue
            warnings.append("--map: %s → %s was not found" % (contract, target))
        found = None
        for rank, cand in enumerate(cands):
            for rel, mod in loaded_modules:
                for attr, v in vars(mod).items():
                    if norm(attr) != cand or getattr(v, "__module__", mod.__name__) not in (mod.__name__,) and not inspect.isbuiltin(v):
                        continue
                    if (kind == "class") != inspect.isclass(v) or not callable(v):
                        continue
                    how = "the book's name" if attr == book_name(contract) else "variant spelling %s" % attr
                    found = {"obj": v, "target": "%s:%s" % (rel, attr), "how": how}
                    break
                if found:
                    break
            if found:
                break
        if found:
            resolved[contract] = found
    # Names the map gives beyond the contract's (learn mode's functions: init_std, log_uniform, …).
    for contract, target in explicit.items():
        if contract in WANT:
            continue
        obj = lookup(target)
        if obj is not None and callable(obj):
            resolved[contract] = {"obj": obj, "target": target, "how": "--map"}
        else:
            warnings.append("--map: %s → %s was not found" % (contract, target))


def book_name(contract):
    return {"RMSprop": "RMSprop", "crossEntropyError": "cross_entropy_error", "meanSquaredError": "mean_squared_error",
            "numericalGradient": "numerical_gradient", "leakyRelu": "leaky_relu"}.get(contract, contract)


def lookup(target):
    """'common/layers.py:Relu' or 'common.layers.Relu' or 'Relu'."""
    if ":" in target:
        rel, attr = target.rsplit(":", 1)
        for r, mod in loaded_modules:
            if os.path.normpath(r) == os.path.normpath(rel):
                return getattr(mod, attr, None)
        return None
    if "." in target:
        modname, attr = target.rsplit(".", 1)
        for r, mod in loaded_modules:
            if mod.__name__ == modname:
                return getattr(mod, attr, None)
        return None
    for _, mod in loaded_modules:
        if hasattr(mod, target):
            return getattr(mod, target)
    return None


# ------------------------------------------------------------------------------------------
# Calling: constructor keywords, method names and the train flag as readers spell them.

SYNONYMS = {
    "lr": ["lr", "learning_rate", "eta", "alpha", "learningrate"],
    "momentum": ["momentum", "beta", "m", "mu", "gamma"],
    "decay_rate": ["decay_rate", "rho", "decay", "beta", "gamma", "alpha"],
    "beta1": ["beta1", "b1", "beta_1"],
    "beta2": ["beta2", "b2", "beta_2"],
    "dropout_ratio": ["dropout_ratio", "dropout_ration", "ratio", "p", "rate", "drop_ratio", "dropout_rate"],
    "running_mean": ["running_mean", "moving_mean"],
    "running_var": ["running_var", "moving_var"],
    "hidden_size_list": ["hidden_size_list", "hidden_sizes", "hidden_size", "hidden_layers"],
    "weight_init_std": ["weight_init_std", "weight_init", "init_std"],
    "weight_decay_lambda": ["weight_decay_lambda", "weight_decay", "lambda_", "wd"],
    "use_dropout": ["use_dropout", "dropout"],
    "use_batchnorm": ["use_batchnorm", "use_batch_norm", "batchnorm", "use_bn"],
    # optimizer state, as attributes
    "v": ["v", "velocity", "velocities", "vel"],
    "h": ["h", "cache", "G", "s", "sq_grads"],
    "iter": ["iter", "t", "step_count", "steps", "timestep", "n_iter"],
}
TRAIN_NAMES = ["train_flg", "train_flag", "train", "training", "is_train", "is_training", "train_mode", "trainflg"]
TRAIN_NORMS = set(map(norm, TRAIN_NAMES))
METHODS = {"update": ["update", "step"], "forward": ["forward", "__call__"], "numerical_gradient": ["numerical_gradient", "numerical_grad"]}


_snakes = {}


def snake(name):
    hit = _snakes.get(name)  # names repeat on every call: each is converted once
    if hit is None:
        hit = _snakes[name] = re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)
    return hit


_signatures = {}


def parameters(fn):
    """The callee's parameters (cached per function; a bound method's without self)."""
    key = (getattr(fn, "__func__", fn), hasattr(fn, "__self__"))
    try:
        hit = _signatures.get(key)
    except TypeError:
        hit, key = None, None
    if hit is not None:
        return hit
    try:
        ps = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return None
    if key is not None:
        _signatures[key] = ps
    return ps


def bind_kwargs(fn, kwargs):
    """Keyword arguments given in the contract's names, renamed to the callee's spelling; those it
    cannot take are dropped and returned."""
    if not kwargs:
        return {}, []
    ps = parameters(fn)
    if ps is None:
        return kwargs, []
    names = [p.name for p in ps]
    takes_any = any(p.kind == p.VAR_KEYWORD for p in ps)
    out, dropped = {}, []
    for k, v in kwargs.items():
        k = snake(k)
        hit = None
        for cand in SYNONYMS.get(k, [k]):
            if cand in names and cand not in out:
                hit = cand
                break
        if hit is None and takes_any:
            hit = k
        if hit is None:
            dropped.append(k)
        else:
            out[hit] = v
    return out, dropped


def add_train_flag(fn, args, kwargs, train):
    ps = parameters(fn)
    if ps is None:
        return args, kwargs
    for p in ps:
        if p.name in TRAIN_NAMES or norm(p.name) in TRAIN_NORMS:
            kwargs[p.name] = train
            return args, kwargs
    positional = [p for p in ps if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(positional) > len(args) and positional[len(args)].name not in kwargs:
        return list(args) + [train], kwargs
    return args, kwargs


def method_of(obj, name):
    for cand in METHODS.get(snake(name), [name, snake(name)]):
        m = getattr(obj, cand, None)
        if callable(m):
            return m
    m = getattr(obj, name, None)
    return m if callable(m) else None


def attribute_name(obj, name):
    if hasattr(obj, name):
        return name
    s = snake(name)
    for cand in SYNONYMS.get(s, [s]):
        if hasattr(obj, cand):
            return cand
    return s


def run_user(fn, args, kwargs, timeout):
    captured.take()
    with limit(timeout):
        return fn(*args, **kwargs)


def do_new(msg, timeout):
    entry = resolved.get(msg["name"])
    if entry is None:
        raise NotProvided("%s is not provided" % msg["name"])
    cls = entry["obj"]
    args = decode(msg.get("args", []))
    kwargs, dropped = bind_kwargs(cls, decode(msg.get("kwargs", {})))
    watch(touched)
    try:
        obj = run_user(cls, args, kwargs, timeout)
    except TypeError as e:
        # A name where the implementation expects a number (weight_init_std='zeros' in the book's nets).
        names = ["%s=%r" % (k, v) for k, v in kwargs.items() if isinstance(v, str)]
        if names and "<U" in str(e):
            raise NotProvided("%s does not take %s (%s)" % (entry["target"], " or ".join(names), e))
        raise
    except (KeyError, ValueError) as e:
        # An option value the implementation does not know (e.g. activation 'tanh' in the book's nets).
        key = e.args[0] if e.args else None
        for k, v in kwargs.items():
            if isinstance(v, str) and (v == key or (isinstance(key, str) and repr(v) in key)):
                raise NotProvided("%s does not take %s=%r" % (entry["target"], k, v))
        raise
    return {"$obj": new_handle(obj), "class": type(obj).__name__, "dropped": dropped}


class NotProvided(Exception):
    pass


list_style = {}   # optimizer class -> True when update takes lists of arrays
param_keys = {}   # id(optimizer) -> the keys of the last params dict (to read list state by key)


def as_dict_state(obj, value):
    keys = param_keys.get(id(obj))
    if keys and isinstance(value, list) and len(value) == len(keys) and all(np is not None and isinstance(v, np.ndarray) for v in value):
        return dict(zip(keys, value))
    return value


def as_list_state(obj, name, value):
    if list_style.get(type(obj)) and isinstance(value, dict):
        keys = param_keys.get(id(obj))
        if not keys or set(keys) != set(value):
            keys = list(value)
        return [value[k] for k in keys]
    return value


def call_update(obj, fn, args, kwargs, timeout):
    """update(params, grads) with the book's dicts, or with lists (zip order) for an optimizer
    written that way: a dict call that fails is undone (arrays and state) and retried with lists."""
    params, grads = args[0], args[1]
    # The runner's matrices are 2-D: a gradient of a 1-D parameter (the book's biases) comes back 1×n.
    grads = dict(grads)
    for k, g in grads.items():
        p = params.get(k)
        if isinstance(g, np.ndarray) and isinstance(p, np.ndarray) and g.shape != p.shape and g.size == p.size:
            grads[k] = g.reshape(p.shape)
    args = [params, grads] + list(args[2:])
    # A list-taking optimizer pairs its state with params by position: keep the first call's key order.
    keys = param_keys.get(id(obj))
    if not keys or set(keys) != set(params):
        keys = param_keys[id(obj)] = list(params)
    if list_style.get(type(obj)):
        return run_user(fn, [[params[k] for k in keys], [grads[k] for k in keys]], kwargs, timeout)
    saved = [(a, a.copy()) for a in list(params.values()) + list(grads.values()) if isinstance(a, np.ndarray)]
    state = dict(vars(obj)) if hasattr(obj, "__dict__") else None
    try:
        return run_user(fn, args, kwargs, timeout)
    except (TypeError, AttributeError, KeyError, IndexError, ValueError) as first:
        for a, copy in saved:
            a[...] = copy
        if state is not None:
            vars(obj).clear()
            vars(obj).update(state)
        try:
            out = run_user(fn, [[params[k] for k in keys], [grads[k] for k in keys]], kwargs, timeout)
        except Exception:
            for a, copy in saved:
                a[...] = copy
            raise first
        list_style[type(obj)] = True
        return out


def do_call(msg, timeout):
    target = msg["target"]
    args = decode(msg.get("args", []))
    kwargs = decode(msg.get("kwargs", {}))
    if isinstance(target, str):
        entry = resolved.get(target)
        if entry is None:
            raise NotProvided("%s is not provided" % target)
        fn = entry["obj"]
        kwargs, _ = bind_kwargs(fn, kwargs)
        ps = parameters(fn)
        if ps is not None and not any(p.kind == p.VAR_POSITIONAL for p in ps):
            positional = [p for p in ps if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            if len(args) > len(positional):
                raise NotProvided("%s takes %d argument(s), the check passes %d (an option it does not have)" % (entry["target"], len(positional), len(args)))
    else:
        obj = objects.get(target)
        if obj is None:
            raise ProtocolError("no object with handle %r" % target)
        fn = method_of(obj, msg["method"])
        if fn is None:
            raise NotProvided("%s has no method %s" % (type(obj).__name__, msg["method"]))
        kwargs, _ = bind_kwargs(fn, kwargs)
    if "train" in msg:
        args, kwargs = add_train_flag(fn, args, kwargs, bool(msg["train"]))
    if not isinstance(target, str) and msg["method"] == "update" and len(args) == 2 and all(isinstance(a, dict) for a in args):
        return call_update(objects[target], fn, args, kwargs, timeout)
    return run_user(fn, args, kwargs, timeout)


def handle(msg):
    op = msg.get("op")
    rid = msg.get("id")
    timeout = float(msg.get("timeout", 10))
    previous_rng = current_rng[0]
    try:
        apply_sync(msg.get("arrays"))
        if isinstance(msg.get("rng"), dict):
            current_rng[0] = msg["rng"].get("$fn")
            preloaded[:] = [decode(d) for d in msg.get("draws", [])]
        if op == "hello":
            value = do_hello(msg)
        elif op == "new":
            value = do_new(msg, timeout)
        elif op == "call":
            value = do_call(msg, timeout)
        elif op == "get":
            obj = objects[msg["target"]]
            name = attribute_name(obj, msg["attr"])
            value = as_dict_state(obj, getattr(obj, name)) if hasattr(obj, name) else None
            track(value)
        elif op == "set":
            obj = objects[msg["target"]]
            name = attribute_name(obj, msg["attr"])
            setattr(obj, name, as_list_state(obj, name, decode(msg["value"])))
            watch(touched)
            value = None
        elif op == "attrs":
            obj = objects[msg["target"]]
            value = sorted(k for k in vars(obj) if not k.startswith("_")) if hasattr(obj, "__dict__") else []
        elif op == "release":
            for h in msg.get("handles", []):
                param_keys.pop(id(objects.get(h)), None)
                forget_object(h)
                # Its arrays stay shared until the next reset: the runner may still hold mirrors of
                # them (an attribute read earlier), and arrays are keyed by ref, not by handle.
            value = None
        elif op == "reset":
            objects.clear()
            handle_of.clear()
            arrays.clear()
            ref_of.clear()
            watched.clear()
            watched_entries[0] = None
            del touched[:]
            param_keys.clear()
            if np is not None:
                np.random.seed(int(msg.get("seed", 0)) % (2 ** 32))
            value = None
        elif op == "echo":
            value = decode(msg.get("value"))
            track(value)
        elif op == "stats":
            import resource
            ru = resource.getrusage(resource.RUSAGE_SELF)
            value = {"cpuSeconds": ru.ru_utime + ru.ru_stime}
        elif op == "exit":
            send({"id": rid, "ok": True, "value": None})
            sys.exit(0)
        else:
            raise ProtocolError("unknown op %r" % op)
        answer = {"id": rid, "ok": True, "value": encode(value)}
        changes = changed_arrays()
        if changes:
            answer["arrays"] = changes
        send(answer)
    except CallTimeout:
        # The traceback says where the code was when its time ran out (the loop's line).
        send(error(rid, "timeout", "did not return within %g s (an endless loop?)" % timeout, traceback.format_exc(limit=-6)))
    except SystemExit as e:
        if op == "exit":
            raise
        send(error(rid, "exit", "called sys.exit(%r); the host caught it" % (e.code,), traceback.format_exc(limit=-6)))
    except NotProvided as e:
        send(error(rid, "not provided", str(e)))
    except ProtocolError as e:
        send(error(rid, "protocol", str(e)))
    except RemoteError as e:
        send(error(rid, "callback", str(e)))
    except BaseException as e:
        send(error(rid, "exception", "%s: %s" % (type(e).__name__, e), traceback.format_exc(limit=-6)))
    finally:
        current_rng[0] = previous_rng
        disarm()


def error(rid, kind, message, tb=None):
    e = {"kind": kind, "message": message}
    if tb:
        e["traceback"] = tb[-3000:]
    out = captured.take()
    if out:
        e["output"] = out[-1500:]
    try:
        changes = changed_arrays()
    except Exception:
        changes = []
    answer = {"id": rid, "ok": False, "error": e}
    if changes:
        answer["arrays"] = changes
    return answer


def do_hello(msg):
    if np is None:
        raise RuntimeError("NumPy is not installed for %s (%s); install python3-numpy" % (sys.executable, _numpy_error))
    if msg.get("version") != PROTOCOL:
        raise ProtocolError("this host speaks protocol %d, the runner %r" % (PROTOCOL, msg.get("version")))
    if msg.get("dir"):
        load_implementation(msg["dir"], msg.get("map"), float(msg.get("importTimeout", 5)))
    out = captured.take()
    return {
        "protocol": PROTOCOL,
        "host": "python %s, numpy %s" % (sys.version.split()[0], np.__version__),
        "modules": [rel for rel, _ in loaded_modules],
        "resolved": {k: {"target": v["target"], "how": v["how"]} for k, v in resolved.items()},
        "stubbed": list(stubbed),
        "warnings": list(warnings),
        "importFailures": list(import_failures),
        "output": out[-1500:],
    }


def main():
    while True:
        try:
            msg = receive()
        except EOFError:
            return
        except ValueError as e:
            send({"id": None, "ok": False, "error": {"kind": "protocol", "message": "not JSON: %s" % e}})
            continue
        handle(msg)


main()
