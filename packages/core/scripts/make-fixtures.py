#!/usr/bin/env python3
"""Golden values for @i2dl/core, computed with PyTorch.

Run with the system Python that has torch (1.13):  /usr/bin/python3 scripts/make-fixtures.py
Writes test/fixtures/{ops,nn,optim,init}.json. Every case names an op (or module / optimizer)
and its arguments; test/golden.test.ts runs the same op in @i2dl/core and compares values and
gradients (float64 within 1e-10 relative, float32 within 1e-5). The tests never need PyTorch.

Non-finite numbers are written as the strings "nan", "inf", "-inf" (JSON has no NaN).
"""
import json
import math
import os
import re

import torch
import torch.nn.functional as F

torch.manual_seed(1234)
# float64 is @i2dl/core's default dtype, so int -> float promotion must give float64 here too.
torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'fixtures')

DTYPES = {'float64': torch.float64, 'float32': torch.float32, 'int32': torch.int64}


def num(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    return v


def flat(t):
    t = t.detach()
    if t.dtype == torch.bool:
        t = t.int()
    if t.is_floating_point():
        t = t.double()
    return [num(v) for v in t.reshape(-1).tolist()]


def enc(t, dtype=None, grad=None):
    d = {'shape': list(t.shape), 'data': flat(t)}
    if dtype:
        d['dtype'] = dtype
    if grad is not None:
        d['grad'] = grad
    return d


def camel(name):
    """weight_ih_l0 -> weightIhL0, running_mean -> runningMean, 0.weight stays."""
    return re.sub(r'_([a-z0-9])', lambda m: m.group(1).upper(), name)


def rn(*shape, dtype=torch.float64):
    return torch.randn(shape, dtype=torch.float64).to(dtype)


def pos(*shape, dtype=torch.float64):
    return (torch.rand(shape, dtype=torch.float64) * 2 + 0.1).to(dtype)


def py_slice(x, dim, start, end, step):
    idx = [slice(None)] * x.dim()
    idx[dim] = slice(start, end, step)
    return x[tuple(idx)]


def red(a):
    return a.get('reduction', 'mean')


# Each op: (inputs, args) -> one tensor. test/golden.test.ts has the same table in TypeScript.
OPS = {
    'unary': lambda x, a: getattr(torch, a['fn'])(x[0]),
    'leakyRelu': lambda x, a: F.leaky_relu(x[0], a['slope']),
    'clamp': lambda x, a: torch.clamp(x[0], a.get('min'), a.get('max')),
    'softmax': lambda x, a: torch.softmax(x[0], a['dim']),
    'logSoftmax': lambda x, a: torch.log_softmax(x[0], a['dim']),
    'binary': lambda x, a: getattr(torch, a['fn'])(x[0], x[1]),
    'binaryScalar': lambda x, a: getattr(torch, a['fn'])(x[0], a['scalar']),
    'where': lambda x, a: torch.where(x[0].bool(), x[1], x[2]),
    'sum': lambda x, a: x[0].sum() if a.get('dim') is None else x[0].sum(a['dim'], keepdim=a.get('keepdim', False)),
    'mean': lambda x, a: x[0].mean() if a.get('dim') is None else x[0].mean(a['dim'], keepdim=a.get('keepdim', False)),
    'var': lambda x, a: torch.var(x[0], a.get('dim'), unbiased=a.get('unbiased', True), keepdim=a.get('keepdim', False)),
    'std': lambda x, a: torch.std(x[0], a.get('dim'), unbiased=a.get('unbiased', True), keepdim=a.get('keepdim', False)),
    'max': lambda x, a: x[0].max() if a.get('dim') is None else torch.amax(x[0], a['dim'], keepdim=a.get('keepdim', False)),
    'min': lambda x, a: x[0].min() if a.get('dim') is None else torch.amin(x[0], a['dim'], keepdim=a.get('keepdim', False)),
    'argmax': lambda x, a: torch.argmax(x[0], a.get('dim'), keepdim=a.get('keepdim', False)),
    'argmin': lambda x, a: torch.argmin(x[0], a.get('dim'), keepdim=a.get('keepdim', False)),
    'reshape': lambda x, a: x[0].reshape(a['shape']),
    'transpose': lambda x, a: x[0].transpose(a['dim0'], a['dim1']),
    'permute': lambda x, a: x[0].permute(a['dims']),
    'expand': lambda x, a: x[0].expand(a['shape']),
    'slice': lambda x, a: py_slice(x[0], a['dim'], a.get('start'), a.get('end'), a.get('step', 1)),
    'select': lambda x, a: x[0].select(a['dim'], a['index']),
    'cat': lambda x, a: torch.cat(x, a['dim']),
    'stack': lambda x, a: torch.stack(x, a['dim']),
    'squeeze': lambda x, a: x[0].squeeze() if a.get('dim') is None else x[0].squeeze(a['dim']),
    'unsqueeze': lambda x, a: x[0].unsqueeze(a['dim']),
    'flatten': lambda x, a: x[0].flatten(a.get('start', 0), a.get('end', -1)),
    'transposeThenReshape': lambda x, a: x[0].transpose(0, 1).reshape(-1),
    'matmul': lambda x, a: torch.matmul(x[0], x[1]),
    'linear': lambda x, a: F.linear(x[0], x[1], x[2] if len(x) > 2 else None),
    'mseLoss': lambda x, a: F.mse_loss(x[0], x[1], reduction=red(a)),
    'l1Loss': lambda x, a: F.l1_loss(x[0], x[1], reduction=red(a)),
    'binaryCrossEntropy': lambda x, a: F.binary_cross_entropy(
        x[0], x[1], weight=x[2] if len(x) > 2 else None, reduction=red(a)),
    'bceWithLogits': lambda x, a: F.binary_cross_entropy_with_logits(
        x[0], x[1], weight=x[2] if a.get('weight') else None,
        pos_weight=x[-1] if a.get('posWeight') else None, reduction=red(a)),
    'crossEntropy': lambda x, a: F.cross_entropy(
        x[0], x[1] if x[1].is_floating_point() else x[1].long(), weight=x[2] if len(x) > 2 else None,
        ignore_index=a.get('ignoreIndex', -100), reduction=red(a)),
    'nllLoss': lambda x, a: F.nll_loss(
        x[0], x[1].long(), weight=x[2] if len(x) > 2 else None, ignore_index=a.get('ignoreIndex', -100),
        reduction=red(a)),
    'conv2d': lambda x, a: F.conv2d(x[0], x[1], x[2] if len(x) > 2 else None, stride=a.get('stride', 1),
                                    padding=a.get('padding', 0), dilation=a.get('dilation', 1),
                                    groups=a.get('groups', 1)),
    'convTranspose2d': lambda x, a: F.conv_transpose2d(
        x[0], x[1], x[2] if len(x) > 2 else None, stride=a.get('stride', 1), padding=a.get('padding', 0),
        output_padding=a.get('outputPadding', 0), groups=a.get('groups', 1), dilation=a.get('dilation', 1)),
    'maxPool2d': lambda x, a: F.max_pool2d(x[0], a['kernel'], stride=a.get('stride'), padding=a.get('padding', 0),
                                           dilation=a.get('dilation', 1)),
    'avgPool2d': lambda x, a: F.avg_pool2d(x[0], a['kernel'], stride=a.get('stride'), padding=a.get('padding', 0),
                                           count_include_pad=a.get('countIncludePad', True),
                                           divisor_override=a.get('divisorOverride')),
    'interpolate': lambda x, a: F.interpolate(x[0], size=a.get('size'), scale_factor=a.get('scaleFactor'),
                                              mode=a['mode'], align_corners=a.get('alignCorners')),
    'batchNorm': lambda x, a: batch_norm_case(x, a),
    'pad': lambda x, a: F.pad(x[0], a['padding'], value=a.get('value', 0.0)),
}


def batch_norm_case(x, a):
    inp, w, b, rm, rv = x
    out = F.batch_norm(inp, rm, rv, w, b, training=a['training'], momentum=a.get('momentum', 0.1),
                       eps=a.get('eps', 1e-5))
    # The running statistics after the call are part of the result.
    return torch.cat([out.reshape(-1), rm.detach().clone(), rv.detach().clone()])


def op_case(cases, name, op, inputs, args=None, grad=True, dtype='float64'):
    """inputs: list of (tensor, requires_grad?) or tensors; floats require grad when `grad`."""
    args = args or {}
    xs, specs = [], []
    for item in inputs:
        t, g = item if isinstance(item, tuple) else (item, None)
        t = t.detach().clone()
        if t.is_floating_point():
            t = t.to(DTYPES[dtype])
            needs = grad if g is None else g
            if needs:
                t.requires_grad_(True)
        xs.append(t)
        specs.append((t, 'int32' if not t.is_floating_point() else None, t.requires_grad))
    # Encode the inputs before the call: some ops (batch norm) update their inputs in place.
    entry = {'name': name, 'op': op, 'dtype': dtype, 'args': args,
             'inputs': [enc(t.detach(), d, g) for t, d, g in specs]}
    out = OPS[op](xs, args)
    if out.dtype == torch.bool or not out.is_floating_point():
        out = out.int()
    entry['output'] = enc(out)
    if out.requires_grad:
        upstream = torch.randn(out.shape, dtype=torch.float64).to(out.dtype)
        out.backward(upstream)
        entry['upstream'] = flat(upstream)
        entry['grads'] = [flat(t.grad) if t.requires_grad and t.grad is not None else None for t in xs]
    cases.append(entry)


def ops_cases():
    c = []
    for fn in ['neg', 'exp', 'tanh', 'sigmoid', 'relu', 'abs', 'sin', 'cos', 'square']:
        op_case(c, f'{fn}', 'unary', [rn(3, 4)], {'fn': fn})
    for fn in ['log', 'sqrt', 'reciprocal']:
        op_case(c, f'{fn}', 'unary', [pos(3, 4)], {'fn': fn})
    op_case(c, 'tanh float32', 'unary', [rn(3, 4)], {'fn': 'tanh'}, dtype='float32')
    op_case(c, 'exp float32', 'unary', [rn(5)], {'fn': 'exp'}, dtype='float32')
    op_case(c, 'leakyRelu 0.1', 'leakyRelu', [rn(4, 3)], {'slope': 0.1})
    op_case(c, 'leakyRelu 0.5', 'leakyRelu', [rn(6)], {'slope': 0.5})
    op_case(c, 'clamp both', 'clamp', [rn(4, 5)], {'min': -0.5, 'max': 0.7})
    op_case(c, 'clamp min', 'clamp', [rn(7)], {'min': 0.1})
    op_case(c, 'softmax dim 1', 'softmax', [rn(3, 5) * 3], {'dim': 1})
    op_case(c, 'softmax dim 0', 'softmax', [rn(3, 5)], {'dim': 0})
    op_case(c, 'softmax 3d dim -1', 'softmax', [rn(2, 3, 4)], {'dim': -1})
    op_case(c, 'softmax float32', 'softmax', [rn(3, 5)], {'dim': 1}, dtype='float32')
    op_case(c, 'logSoftmax dim 1', 'logSoftmax', [rn(4, 6) * 5], {'dim': 1})
    op_case(c, 'logSoftmax large', 'logSoftmax', [rn(2, 3) * 100], {'dim': 1})

    shapes = [((3, 4), (3, 4)), ((2, 3, 4), (4,)), ((3, 1), (1, 4)), ((), (2, 3)), ((2, 1, 3), (4, 1))]
    for fn in ['add', 'sub', 'mul', 'div', 'maximum', 'minimum']:
        for sa, sb in shapes:
            b = rn(*sb)
            if fn == 'div':
                b = b.sign() * (b.abs() + 0.5)
            op_case(c, f'{fn} {list(sa)} {list(sb)}', 'binary', [rn(*sa), b], {'fn': fn})
    op_case(c, 'pow tensor exponent', 'binary', [pos(3, 4), rn(3, 4)], {'fn': 'pow'})
    op_case(c, 'pow broadcast', 'binary', [pos(2, 3), rn(3)], {'fn': 'pow'})
    op_case(c, 'pow scalar 3', 'binaryScalar', [rn(5)], {'fn': 'pow', 'scalar': 3})
    op_case(c, 'pow scalar 0.5', 'binaryScalar', [pos(5)], {'fn': 'pow', 'scalar': 0.5})
    op_case(c, 'add scalar', 'binaryScalar', [rn(2, 3)], {'fn': 'add', 'scalar': 2.5})
    op_case(c, 'mul scalar', 'binaryScalar', [rn(2, 3)], {'fn': 'mul', 'scalar': -1.5})
    op_case(c, 'div scalar', 'binaryScalar', [rn(2, 3)], {'fn': 'div', 'scalar': 3})
    op_case(c, 'mul float32 broadcast', 'binary', [rn(3, 4), rn(4)], {'fn': 'mul'}, dtype='float32')
    op_case(c, 'add float32', 'binary', [rn(3, 4), rn(3, 4)], {'fn': 'add'}, dtype='float32')
    a = rn(3, 4)
    b = a.clone()
    b[0, 0] += 1
    b[1, 2] -= 1
    for fn in ['eq', 'ne', 'lt', 'le', 'gt', 'ge']:
        op_case(c, f'{fn}', 'binary', [a, b], {'fn': fn}, grad=False)
    op_case(c, 'gt broadcast', 'binary', [rn(3, 1), rn(4)], {'fn': 'gt'}, grad=False)
    op_case(c, 'maximum ties split the gradient', 'binary', [torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 0.0, 3.0])],
            {'fn': 'maximum'})
    op_case(c, 'where broadcast', 'where', [(torch.tensor([[1], [0], [1]]), False), rn(3, 4), rn(4)])

    x = rn(3, 4, 5)
    for dim, keep in [(None, False), (0, False), (1, True), (-1, False), ([0, 2], False), ([1, 2], True)]:
        for op in ['sum', 'mean']:
            op_case(c, f'{op} dim={dim} keepdim={keep}', op, [x], {'dim': dim, 'keepdim': keep})
        op_case(c, f'max dim={dim} keepdim={keep}', 'max', [x], {'dim': dim, 'keepdim': keep})
        op_case(c, f'min dim={dim} keepdim={keep}', 'min', [x], {'dim': dim, 'keepdim': keep})
    for dim, unbiased, keep in [(None, True, False), (None, False, False), (1, True, True), (0, False, False),
                                ([0, 2], True, False)]:
        op_case(c, f'var dim={dim} unbiased={unbiased}', 'var', [x], {'dim': dim, 'unbiased': unbiased, 'keepdim': keep})
        op_case(c, f'std dim={dim} unbiased={unbiased}', 'std', [x], {'dim': dim, 'unbiased': unbiased, 'keepdim': keep})
    op_case(c, 'sum float32', 'sum', [rn(4, 5)], {'dim': 1}, dtype='float32')
    op_case(c, 'var float32', 'var', [rn(4, 5)], {'dim': 0}, dtype='float32')
    for dim, keep in [(None, False), (1, False), (0, True), (-1, True)]:
        op_case(c, f'argmax dim={dim}', 'argmax', [x], {'dim': dim, 'keepdim': keep}, grad=False)
        op_case(c, f'argmin dim={dim}', 'argmin', [x], {'dim': dim, 'keepdim': keep}, grad=False)

    y = rn(2, 3, 4)
    op_case(c, 'reshape', 'reshape', [y], {'shape': [4, -1]})
    op_case(c, 'transpose', 'transpose', [y], {'dim0': 0, 'dim1': 2})
    op_case(c, 'permute', 'permute', [y], {'dims': [2, 0, 1]})
    op_case(c, 'expand', 'expand', [rn(3, 1)], {'shape': [2, 3, 4]})
    op_case(c, 'slice step 2', 'slice', [y], {'dim': 2, 'start': 0, 'end': 4, 'step': 2})
    op_case(c, 'slice negative start', 'slice', [y], {'dim': 1, 'start': -2})
    op_case(c, 'slice past the end', 'slice', [y], {'dim': 2, 'start': 1, 'end': 100})
    op_case(c, 'select', 'select', [y], {'dim': 1, 'index': -1})
    op_case(c, 'cat dim 1', 'cat', [rn(2, 3), rn(2, 1), rn(2, 2)], {'dim': 1})
    op_case(c, 'cat dim 0', 'cat', [rn(1, 3), rn(2, 3)], {'dim': 0})
    op_case(c, 'stack dim 1', 'stack', [rn(2, 3), rn(2, 3)], {'dim': 1})
    op_case(c, 'squeeze all', 'squeeze', [rn(2, 1, 3, 1)], {})
    op_case(c, 'squeeze dim', 'squeeze', [rn(2, 1, 3)], {'dim': 1})
    op_case(c, 'unsqueeze', 'unsqueeze', [rn(2, 3)], {'dim': -1})
    op_case(c, 'flatten', 'flatten', [y], {'start': 1})
    op_case(c, 'transpose then reshape copies', 'transposeThenReshape', [rn(3, 4)], {})

    for sa, sb in [((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((4,), (4,)), ((2, 3, 4), (2, 4, 5)),
                   ((2, 1, 3, 4), (5, 4, 2)), ((2, 3, 4), (4, 2)), ((3, 4), (2, 4, 5))]:
        op_case(c, f'matmul {list(sa)} @ {list(sb)}', 'matmul', [rn(*sa), rn(*sb)])
    op_case(c, 'matmul float32', 'matmul', [rn(4, 6), rn(6, 3)], dtype='float32')
    op_case(c, 'linear', 'linear', [rn(4, 3), rn(5, 3), rn(5)])
    op_case(c, 'linear no bias 3d', 'linear', [rn(2, 4, 3), rn(5, 3)])

    # NaN and Inf propagate as IEEE 754 says.
    special = torch.tensor([float('nan'), float('inf'), -float('inf'), 0.0, -1.0, 2.0], dtype=torch.float64)
    for fn in ['exp', 'tanh', 'sigmoid', 'relu', 'abs', 'neg']:
        op_case(c, f'{fn} of nan/inf', 'unary', [special], {'fn': fn}, grad=False)
    op_case(c, 'log of nan/inf/0/negative', 'unary', [special], {'fn': 'log'}, grad=False)
    op_case(c, 'sqrt of nan/inf/0/negative', 'unary', [special], {'fn': 'sqrt'}, grad=False)
    op_case(c, 'max with nan', 'max', [torch.tensor([[1.0, float('nan'), 3.0], [1.0, 2.0, 3.0]])], {'dim': 1},
            grad=False)
    op_case(c, 'div by zero', 'binary', [torch.tensor([1.0, -1.0, 0.0]), torch.tensor([0.0, 0.0, 0.0])],
            {'fn': 'div'}, grad=False)
    op_case(c, 'inf minus inf', 'binary', [torch.tensor([float('inf')]), torch.tensor([float('inf')])],
            {'fn': 'sub'}, grad=False)
    op_case(c, 'softmax with -inf', 'softmax', [torch.tensor([[0.0, -float('inf'), 1.0]])], {'dim': 1},
            grad=False)

    # Empty tensors and integer arithmetic.
    op_case(c, 'sum over an empty dim', 'sum', [torch.zeros(0, 3, dtype=torch.float64)], {'dim': 0}, grad=False)
    op_case(c, 'mean of an empty tensor is nan', 'mean', [torch.zeros(0, dtype=torch.float64)], {}, grad=False)
    op_case(c, 'matmul with an empty inner dim', 'matmul', [torch.zeros(2, 0, dtype=torch.float64),
                                                           torch.zeros(0, 3, dtype=torch.float64)], grad=False)
    op_case(c, 'cat with an empty part', 'cat', [rn(2, 0), rn(2, 3)], {'dim': 1})
    ia, ib = torch.randint(-5, 5, (3, 4)), torch.randint(-5, 5, (4,))
    for fn in ['add', 'sub', 'mul', 'maximum', 'lt']:
        op_case(c, f'{fn} int32', 'binary', [ia, ib], {'fn': fn})
    op_case(c, 'int32 true division gives float', 'binary', [ia, ib.abs() + 1], {'fn': 'div'})
    op_case(c, 'int32 + float promotes', 'binary', [ia, rn(4)], {'fn': 'add'})
    op_case(c, 'int32 sum', 'sum', [ia], {'dim': 1})
    op_case(c, 'int32 argmax', 'argmax', [ia], {'dim': 0})
    return c


def loss_cases():
    c = []
    for r in ['mean', 'sum', 'none']:
        op_case(c, f'mseLoss {r}', 'mseLoss', [rn(3, 4), (rn(3, 4), False)], {'reduction': r})
        op_case(c, f'l1Loss {r}', 'l1Loss', [rn(3, 4), (rn(3, 4), False)], {'reduction': r})
        op_case(c, f'binaryCrossEntropy {r}', 'binaryCrossEntropy',
                [torch.rand(4, 3, dtype=torch.float64) * 0.9 + 0.05, (torch.randint(0, 2, (4, 3)).double(), False)],
                {'reduction': r})
        op_case(c, f'bceWithLogits {r}', 'bceWithLogits', [rn(4, 3) * 3, (torch.rand(4, 3, dtype=torch.float64), False)],
                {'reduction': r})
        op_case(c, f'crossEntropy {r}', 'crossEntropy', [rn(5, 4), torch.randint(0, 4, (5,))], {'reduction': r})
        op_case(c, f'nllLoss {r}', 'nllLoss', [torch.log_softmax(rn(5, 3), 1), torch.randint(0, 3, (5,))],
                {'reduction': r})
    op_case(c, 'mseLoss float32', 'mseLoss', [rn(3, 4), (rn(3, 4), False)], {}, dtype='float32')
    op_case(c, 'mseLoss target requires grad', 'mseLoss', [rn(5), rn(5)], {})
    op_case(c, 'binaryCrossEntropy soft targets and weight', 'binaryCrossEntropy',
            [torch.rand(6, dtype=torch.float64) * 0.9 + 0.05, (torch.rand(6, dtype=torch.float64), False),
             (torch.rand(6, dtype=torch.float64), False)], {})
    op_case(c, 'binaryCrossEntropy clamps log at -100', 'binaryCrossEntropy',
            [(torch.tensor([0.0, 1.0, 0.5], dtype=torch.float64), False),
             (torch.tensor([1.0, 0.0, 1.0], dtype=torch.float64), False)], {'reduction': 'none'})
    op_case(c, 'bceWithLogits posWeight', 'bceWithLogits',
            [rn(4, 3) * 3, (torch.randint(0, 2, (4, 3)).double(), False), (pos(3), False)], {'posWeight': True})
    op_case(c, 'bceWithLogits weight and posWeight', 'bceWithLogits',
            [rn(4, 3), (torch.rand(4, 3, dtype=torch.float64), False), (pos(4, 3), False), (pos(3), False)],
            {'weight': True, 'posWeight': True})
    op_case(c, 'crossEntropy class weights', 'crossEntropy', [rn(6, 4), torch.randint(0, 4, (6,)), (pos(4), False)], {})
    op_case(c, 'crossEntropy ignoreIndex', 'crossEntropy', [rn(5, 3), torch.tensor([0, 2, -100, 1, -100])], {})
    op_case(c, 'crossEntropy ignoreIndex 1 sum', 'crossEntropy', [rn(5, 3), torch.tensor([0, 1, 2, 1, 1])],
            {'ignoreIndex': 1, 'reduction': 'sum'})
    op_case(c, 'crossEntropy segmentation (N, C, H, W)', 'crossEntropy', [rn(2, 3, 2, 2), torch.randint(0, 3, (2, 2, 2))],
            {})
    op_case(c, 'crossEntropy probability targets', 'crossEntropy',
            [rn(4, 3), (torch.softmax(rn(4, 3), 1), False)], {})
    op_case(c, 'crossEntropy unbatched', 'crossEntropy', [rn(4), torch.tensor(2)], {})
    op_case(c, 'crossEntropy float32', 'crossEntropy', [rn(5, 4), torch.randint(0, 4, (5,))], {}, dtype='float32')
    op_case(c, 'nllLoss weight mean', 'nllLoss', [rn(6, 3), torch.randint(0, 3, (6,)), (pos(3), False)], {})
    return c


def conv_cases():
    c = []
    op_case(c, 'conv2d basic', 'conv2d', [rn(2, 3, 6, 5), rn(4, 3, 3, 3), rn(4)])
    op_case(c, 'conv2d stride 2 padding 1', 'conv2d', [rn(1, 2, 7, 7), rn(3, 2, 3, 3), rn(3)], {'stride': 2, 'padding': 1})
    op_case(c, 'conv2d rectangular kernel, stride and padding', 'conv2d', [rn(2, 2, 6, 7), rn(3, 2, 2, 3)],
            {'stride': [2, 1], 'padding': [1, 0]})
    op_case(c, 'conv2d dilation 2', 'conv2d', [rn(1, 2, 7, 7), rn(2, 2, 3, 3), rn(2)], {'dilation': 2})
    op_case(c, 'conv2d groups 2', 'conv2d', [rn(2, 4, 5, 5), rn(6, 2, 3, 3), rn(6)], {'groups': 2, 'padding': 1})
    op_case(c, 'conv2d depthwise', 'conv2d', [rn(1, 3, 4, 4), rn(3, 1, 2, 2)], {'groups': 3})
    op_case(c, 'conv2d 1x1', 'conv2d', [rn(2, 3, 4, 4), rn(5, 3, 1, 1), rn(5)])
    op_case(c, 'conv2d unbatched', 'conv2d', [rn(2, 5, 5), rn(3, 2, 3, 3)])
    op_case(c, 'conv2d float32', 'conv2d', [rn(2, 3, 6, 5), rn(4, 3, 3, 3), rn(4)], {'padding': 1}, dtype='float32')
    op_case(c, 'convTranspose2d basic', 'convTranspose2d', [rn(2, 3, 4, 4), rn(3, 2, 3, 3), rn(2)])
    op_case(c, 'convTranspose2d stride 2 padding 1 outputPadding 1', 'convTranspose2d',
            [rn(1, 2, 3, 4), rn(2, 3, 3, 3), rn(3)], {'stride': 2, 'padding': 1, 'outputPadding': 1})
    op_case(c, 'convTranspose2d stride 2 kernel 2', 'convTranspose2d', [rn(2, 4, 3, 3), rn(4, 2, 2, 2)], {'stride': 2})
    op_case(c, 'convTranspose2d groups and dilation', 'convTranspose2d', [rn(1, 4, 3, 3), rn(4, 3, 3, 3), rn(6)],
            {'groups': 2, 'dilation': 2})
    op_case(c, 'maxPool2d 2', 'maxPool2d', [rn(2, 3, 6, 6)], {'kernel': 2})
    op_case(c, 'maxPool2d 3 stride 2 padding 1', 'maxPool2d', [rn(1, 2, 7, 7)], {'kernel': 3, 'stride': 2, 'padding': 1})
    op_case(c, 'maxPool2d non-square', 'maxPool2d', [rn(1, 2, 5, 7)], {'kernel': [2, 3], 'stride': [1, 2]})
    op_case(c, 'maxPool2d dilation', 'maxPool2d', [rn(1, 1, 7, 7)], {'kernel': 2, 'stride': 1, 'dilation': 2})
    op_case(c, 'avgPool2d 2', 'avgPool2d', [rn(2, 3, 6, 6)], {'kernel': 2})
    op_case(c, 'avgPool2d 3 stride 2 padding 1', 'avgPool2d', [rn(1, 2, 7, 7)], {'kernel': 3, 'stride': 2, 'padding': 1})
    op_case(c, 'avgPool2d countIncludePad false', 'avgPool2d', [rn(1, 2, 5, 5)],
            {'kernel': 3, 'stride': 2, 'padding': 1, 'countIncludePad': False})
    op_case(c, 'avgPool2d divisorOverride', 'avgPool2d', [rn(1, 2, 4, 4)], {'kernel': 2, 'divisorOverride': 3})
    op_case(c, 'maxPool2d float32', 'maxPool2d', [rn(1, 2, 6, 6)], {'kernel': 2}, dtype='float32')
    op_case(c, 'pad last dim', 'pad', [rn(2, 3)], {'padding': [1, 2], 'value': 0.5})
    op_case(c, 'pad last two dims', 'pad', [rn(1, 2, 3, 3)], {'padding': [0, 1, 2, 1]})
    op_case(c, 'nearest x2', 'interpolate', [rn(1, 2, 3, 4)], {'scaleFactor': 2, 'mode': 'nearest'})
    op_case(c, 'nearest to size 5x7', 'interpolate', [rn(1, 2, 3, 4)], {'size': [5, 7], 'mode': 'nearest'})
    op_case(c, 'nearest x1.5', 'interpolate', [rn(1, 1, 4, 4)], {'scaleFactor': 1.5, 'mode': 'nearest'})
    op_case(c, 'bilinear x2', 'interpolate', [rn(1, 2, 3, 4)], {'scaleFactor': 2, 'mode': 'bilinear',
                                                                 'alignCorners': False})
    op_case(c, 'bilinear x2 alignCorners', 'interpolate', [rn(2, 1, 3, 3)], {'scaleFactor': 2, 'mode': 'bilinear',
                                                                              'alignCorners': True})
    op_case(c, 'bilinear to size 5x3', 'interpolate', [rn(1, 2, 4, 6)], {'size': [5, 3], 'mode': 'bilinear',
                                                                          'alignCorners': False})
    for training in [True, False]:
        for shape in [(4, 3), (3, 3, 5), (2, 3, 4, 4)]:
            op_case(c, f'batchNorm training={training} {list(shape)}', 'batchNorm',
                    [rn(*shape) * 2 + 1, pos(3), rn(3), (rn(3) * 0.1, False), (pos(3), False)],
                    {'training': training, 'momentum': 0.2, 'eps': 1e-5})
    return c


# -- modules ---------------------------------------------------------------------------------------

MODULES = {
    'Linear': lambda a: torch.nn.Linear(a['in'], a['out'], bias=a.get('bias', True)),
    'Conv2d': lambda a: torch.nn.Conv2d(a['in'], a['out'], a['kernel'], stride=a.get('stride', 1),
                                        padding=a.get('padding', 0), groups=a.get('groups', 1)),
    'ConvTranspose2d': lambda a: torch.nn.ConvTranspose2d(a['in'], a['out'], a['kernel'], stride=a.get('stride', 1),
                                                          padding=a.get('padding', 0),
                                                          output_padding=a.get('outputPadding', 0)),
    'BatchNorm1d': lambda a: torch.nn.BatchNorm1d(a['features'], momentum=a.get('momentum', 0.1)),
    'BatchNorm2d': lambda a: torch.nn.BatchNorm2d(a['features'], momentum=a.get('momentum', 0.1)),
    'RNNCell': lambda a: torch.nn.RNNCell(a['in'], a['hidden'], nonlinearity=a.get('nonlinearity', 'tanh')),
    'RNN': lambda a: torch.nn.RNN(a['in'], a['hidden'], num_layers=a.get('layers', 1),
                                  nonlinearity=a.get('nonlinearity', 'tanh'), batch_first=a.get('batchFirst', False)),
    'LSTMCell': lambda a: torch.nn.LSTMCell(a['in'], a['hidden']),
    'LSTM': lambda a: torch.nn.LSTM(a['in'], a['hidden'], num_layers=a.get('layers', 1),
                                    batch_first=a.get('batchFirst', False)),
    'MLP': lambda a: torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.ReLU(), torch.nn.Linear(5, 2),
                                         torch.nn.Sigmoid()),
    'ConvFancy': lambda a: torch.nn.Conv2d(4, 2, (3, 2), stride=(2, 1), padding=1, dilation=2, groups=2, bias=False),
    'Mixed': lambda a: torch.nn.Sequential(torch.nn.ConvTranspose2d(2, 3, 2, stride=2), torch.nn.LeakyReLU(0.2),
                                           torch.nn.AvgPool2d(2), torch.nn.Tanh(),
                                           torch.nn.Upsample(scale_factor=2, mode='bilinear'),
                                           torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(48, 4),
                                           torch.nn.Softmax(dim=1)),
    'CNN': lambda a: torch.nn.Sequential(torch.nn.Conv2d(2, 4, 3, padding=1), torch.nn.BatchNorm2d(4), torch.nn.ReLU(),
                                         torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(16, 3)),
}


def flatten_output(out):
    if isinstance(out, torch.Tensor):
        return out.reshape(-1)
    return torch.cat([flatten_output(o) for o in out])


def module_case(cases, name, kind, args, inputs, train=True, calls=1, dtype='float64'):
    m = MODULES[kind](args).to(DTYPES[dtype])
    m.train(train)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.randn(p.shape, dtype=torch.float64) * 0.5)
        for bname, b in m.named_buffers():
            if 'running_var' in bname:
                b.copy_(torch.rand(b.shape, dtype=torch.float64) + 0.5)
            elif 'running_mean' in bname:
                b.copy_(torch.randn(b.shape, dtype=torch.float64) * 0.1)
    state = {camel(k): enc(v, 'int32' if not v.is_floating_point() else None) for k, v in m.state_dict().items()}
    xs = [t.detach().clone().to(DTYPES[dtype]).requires_grad_(True) for t in inputs]
    for _ in range(calls - 1):
        m(*xs)
    out = flatten_output(m(*xs))
    upstream = torch.randn(out.shape, dtype=torch.float64).to(out.dtype)
    out.backward(upstream)
    after = {camel(k): flat(v) for k, v in m.state_dict().items() if 'running' in k or 'num_batches' in k}
    cases.append({
        'name': name, 'module': kind, 'dtype': dtype, 'args': args, 'train': train, 'calls': calls, 'repr': str(m),
        'state': state, 'inputs': [enc(x.detach()) for x in xs], 'output': flat(out), 'upstream': flat(upstream),
        'inputGrads': [flat(x.grad) for x in xs],
        'paramGrads': {camel(k): flat(p.grad) for k, p in m.named_parameters()},
        'buffersAfter': after,
    })


def module_cases():
    c = []
    module_case(c, 'Linear', 'Linear', {'in': 4, 'out': 3}, [rn(5, 4)])
    module_case(c, 'Linear no bias', 'Linear', {'in': 4, 'out': 2, 'bias': False}, [rn(3, 4)])
    module_case(c, 'Linear float32', 'Linear', {'in': 4, 'out': 3}, [rn(5, 4)], dtype='float32')
    module_case(c, 'Conv2d', 'Conv2d', {'in': 2, 'out': 3, 'kernel': 3, 'padding': 1, 'stride': 2}, [rn(2, 2, 5, 5)])
    module_case(c, 'Conv2d groups', 'Conv2d', {'in': 4, 'out': 4, 'kernel': 2, 'groups': 2}, [rn(1, 4, 4, 4)])
    module_case(c, 'ConvTranspose2d', 'ConvTranspose2d',
                {'in': 3, 'out': 2, 'kernel': 3, 'stride': 2, 'padding': 1, 'outputPadding': 1}, [rn(1, 3, 3, 3)])
    module_case(c, 'BatchNorm1d train (2 calls)', 'BatchNorm1d', {'features': 3}, [rn(6, 3) * 2 + 1], calls=2)
    module_case(c, 'BatchNorm1d cumulative average (momentum None, 3 calls)', 'BatchNorm1d',
                {'features': 2, 'momentum': None}, [rn(5, 2, 3)], calls=3)
    module_case(c, 'BatchNorm1d eval', 'BatchNorm1d', {'features': 3}, [rn(6, 3)], train=False)
    module_case(c, 'BatchNorm2d train', 'BatchNorm2d', {'features': 2, 'momentum': 0.3}, [rn(3, 2, 4, 4)])
    module_case(c, 'BatchNorm2d eval', 'BatchNorm2d', {'features': 2}, [rn(3, 2, 4, 4)], train=False)
    module_case(c, 'RNNCell tanh', 'RNNCell', {'in': 3, 'hidden': 4}, [rn(2, 3), rn(2, 4)])
    module_case(c, 'RNNCell relu', 'RNNCell', {'in': 3, 'hidden': 4, 'nonlinearity': 'relu'}, [rn(2, 3), rn(2, 4)])
    module_case(c, 'RNN tanh 2 layers', 'RNN', {'in': 3, 'hidden': 4, 'layers': 2}, [rn(5, 2, 3), rn(2, 2, 4)])
    module_case(c, 'RNN relu batchFirst', 'RNN', {'in': 3, 'hidden': 2, 'nonlinearity': 'relu', 'batchFirst': True},
                [rn(2, 4, 3)])
    module_case(c, 'LSTMCell', 'LSTMCell', {'in': 3, 'hidden': 4}, [rn(2, 3)])
    module_case(c, 'LSTM 2 layers', 'LSTM', {'in': 3, 'hidden': 3, 'layers': 2}, [rn(4, 2, 3)])
    module_case(c, 'LSTM batchFirst', 'LSTM', {'in': 2, 'hidden': 3, 'batchFirst': True}, [rn(2, 5, 2)])
    module_case(c, 'MLP (Sequential)', 'MLP', {}, [rn(4, 3)])
    module_case(c, 'CNN (Sequential)', 'CNN', {}, [rn(2, 2, 4, 4)])
    module_case(c, 'activations and pooling (Sequential)', 'Mixed', {}, [rn(2, 2, 4, 4)])
    module_case(c, 'Conv2d float32', 'Conv2d', {'in': 2, 'out': 3, 'kernel': 3, 'padding': 1}, [rn(2, 2, 5, 5)],
                dtype='float32')
    module_case(c, 'LSTM float32', 'LSTM', {'in': 3, 'hidden': 2}, [rn(3, 2, 3)], dtype='float32')
    module_case(c, 'BatchNorm2d eval (momentum 0.3)', 'BatchNorm2d', {'features': 2, 'momentum': 0.3}, [rn(1, 2, 2, 2)],
                train=False)
    module_case(c, 'Conv2d dilation, groups, no bias', 'ConvFancy', {}, [rn(1, 4, 6, 6)])
    return c


# -- optimizers ------------------------------------------------------------------------------------

OPTIMS = {
    'SGD': lambda p, o: torch.optim.SGD(p, lr=o['lr'], momentum=o.get('momentum', 0), dampening=o.get('dampening', 0),
                                        nesterov=o.get('nesterov', False), weight_decay=o.get('weightDecay', 0)),
    'RMSprop': lambda p, o: torch.optim.RMSprop(p, lr=o.get('lr', 0.01), alpha=o.get('alpha', 0.99),
                                                eps=o.get('eps', 1e-8), weight_decay=o.get('weightDecay', 0),
                                                momentum=o.get('momentum', 0), centered=o.get('centered', False)),
    'Adam': lambda p, o: torch.optim.Adam(p, lr=o.get('lr', 1e-3), betas=tuple(o.get('betas', (0.9, 0.999))),
                                          eps=o.get('eps', 1e-8), weight_decay=o.get('weightDecay', 0),
                                          amsgrad=o.get('amsgrad', False)),
    'AdamW': lambda p, o: torch.optim.AdamW(p, lr=o.get('lr', 1e-3), betas=tuple(o.get('betas', (0.9, 0.999))),
                                            eps=o.get('eps', 1e-8), weight_decay=o.get('weightDecay', 1e-2),
                                            amsgrad=o.get('amsgrad', False)),
}


def optim_case(cases, name, kind, options, steps=4, dtype='float64', step_lr=None):
    params = [rn(3, 2).to(DTYPES[dtype]).requires_grad_(True), rn(4).to(DTYPES[dtype]).requires_grad_(True)]
    initial = [enc(p.detach()) for p in params]
    opt = OPTIMS[kind](params, options)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=step_lr['stepSize'], gamma=step_lr['gamma']) \
        if step_lr else None
    grads, after, lrs = [], [], []
    for _ in range(steps):
        gs = [torch.randn(p.shape, dtype=torch.float64).to(p.dtype) for p in params]
        for p, g in zip(params, gs):
            p.grad = g.clone()
        opt.step()
        if sched:
            sched.step()
        grads.append([flat(g) for g in gs])
        after.append([flat(p) for p in params])
        lrs.append(opt.param_groups[0]['lr'])
    cases.append({'name': name, 'optimizer': kind, 'options': options, 'dtype': dtype, 'stepLR': step_lr,
                  'params': initial, 'grads': grads, 'after': after, 'lrs': lrs})


def optim_cases():
    c = []
    optim_case(c, 'SGD plain', 'SGD', {'lr': 0.1})
    optim_case(c, 'SGD momentum', 'SGD', {'lr': 0.1, 'momentum': 0.9})
    optim_case(c, 'SGD momentum dampening weight decay', 'SGD',
               {'lr': 0.05, 'momentum': 0.8, 'dampening': 0.3, 'weightDecay': 0.01})
    optim_case(c, 'SGD nesterov', 'SGD', {'lr': 0.1, 'momentum': 0.9, 'nesterov': True, 'weightDecay': 0.001})
    optim_case(c, 'RMSprop', 'RMSprop', {'lr': 0.01})
    optim_case(c, 'RMSprop centered momentum weight decay', 'RMSprop',
               {'lr': 0.01, 'alpha': 0.9, 'momentum': 0.5, 'centered': True, 'weightDecay': 0.1})
    optim_case(c, 'Adam', 'Adam', {'lr': 0.01})
    optim_case(c, 'Adam betas weight decay', 'Adam', {'lr': 0.02, 'betas': [0.8, 0.99], 'weightDecay': 0.1})
    optim_case(c, 'Adam amsgrad', 'Adam', {'lr': 0.01, 'amsgrad': True}, steps=6)
    optim_case(c, 'AdamW', 'AdamW', {'lr': 0.01, 'weightDecay': 0.1})
    optim_case(c, 'AdamW amsgrad', 'AdamW', {'lr': 0.01, 'amsgrad': True})
    optim_case(c, 'Adam float32', 'Adam', {'lr': 0.01}, dtype='float32')
    optim_case(c, 'SGD with StepLR', 'SGD', {'lr': 0.1, 'momentum': 0.9}, steps=7,
               step_lr={'stepSize': 2, 'gamma': 0.5})
    return c


def init_cases():
    gains = []
    for nl, param in [('linear', None), ('conv2d', None), ('sigmoid', None), ('tanh', None), ('relu', None),
                      ('leaky_relu', None), ('leaky_relu', 0.2), ('leaky_relu', math.sqrt(5)), ('selu', None)]:
        gains.append({'nonlinearity': camel(nl), 'param': param, 'gain': torch.nn.init.calculate_gain(nl, param)})
    fans = []
    for shape in [(5, 3), (8, 4, 3, 3), (2, 6, 5)]:
        t = torch.empty(shape)
        fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(t)
        fans.append({'shape': list(shape), 'fanIn': fan_in, 'fanOut': fan_out})
    # Statistics of large initialised tensors: the sample std must approach the scheme's target.
    stds = []
    for scheme, shape, kwargs in [('xavier_uniform_', (256, 128), {'gain': 1.0}),
                                  ('xavier_normal_', (256, 128), {'gain': 2.0}),
                                  ('kaiming_uniform_', (256, 128), {'a': 0, 'nonlinearity': 'relu'}),
                                  ('kaiming_normal_', (64, 32, 3, 3), {'mode': 'fan_out', 'nonlinearity': 'relu'}),
                                  ('kaiming_uniform_', (128, 64), {'a': math.sqrt(5)})]:
        t = torch.empty(shape, dtype=torch.float64)
        getattr(torch.nn.init, scheme)(t, **kwargs)
        stds.append({'scheme': camel(scheme.rstrip('_')), 'shape': list(shape),
                     'options': {camel(k): (camel(v) if isinstance(v, str) else v) for k, v in kwargs.items()},
                     'sampleStd': t.std().item(), 'bound': t.abs().max().item()})
    return {'gains': gains, 'fans': fans, 'stds': stds}


def format_cases():
    """How PyTorch prints tensors (default dtype float64, so no dtype suffix)."""
    g = torch.Generator().manual_seed(0)
    cases = {
        'integer-valued 2-D': torch.tensor([[1., 2.], [3., -4.]]),
        'decimals': torch.tensor([1.5, -2.25, 3.0]),
        '0-d': torch.tensor(2.5),
        '0-d integer-valued': torch.tensor(3.),
        'tiny value: scientific': torch.tensor([1e-5, 2.0]),
        'huge value: scientific': torch.tensor([1e9, 1.0]),
        'wide range: scientific': torch.tensor([0.001, 5.0]),
        'nan and inf': torch.tensor([float('nan'), float('inf'), -1.5]),
        'nan with integers': torch.tensor([float('nan'), 1.0, 2.0]),
        'negative zero': torch.tensor([-0.0, 1.0]),
        'zeros': torch.zeros(3),
        '3-D': torch.arange(12.).reshape(2, 2, 3),
        'empty': torch.zeros(0),
        'empty 2-D': torch.zeros(2, 0),
        'summarised': torch.arange(2000.).reshape(40, 50),
        'wrapped row': torch.randn(20, generator=g),
        'random 2-D': torch.randn(2, 3, generator=g),
        'long decimals': torch.tensor([123.456789, 0.5]),
        'requires grad': torch.tensor([[1., 2.]], requires_grad=True),
    }
    return [{'name': k, 'shape': list(v.shape), 'data': flat(v), 'requiresGrad': v.requires_grad, 'text': str(v)}
            for k, v in cases.items()]


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, 'w') as f:
        json.dump(data, f, separators=(',', ':'), allow_nan=False)
    print(f'{name}: {os.path.getsize(path) / 1024:.0f} kB')


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    meta = {'torch': torch.__version__}
    write('ops.json', {**meta, 'cases': ops_cases() + loss_cases() + conv_cases()})
    write('nn.json', {**meta, 'cases': module_cases()})
    write('optim.json', {**meta, 'cases': optim_cases()})
    write('init.json', {**meta, **init_cases()})
    write('format.json', {**meta, 'cases': format_cases()})
