// Training-step workloads for `pnpm bench`: conv2d forward + backward for a LeNet-sized batch, and
// one SGD step of a 784-256-10 MLP, float32, through the public API of @i2dl/core only.
// (No TF.js column: @tensorflow/tfjs-core alone registers no gradients, and the union package that
// does is not a dependency.)

/** The i2dl exports these workloads need, or the names of those missing. */
function missingExports(core) {
  const { nn, F, optim } = core;
  return [
    ['nn.Conv2d', nn?.Conv2d],
    ['nn.Linear', nn?.Linear],
    ['nn.ReLU', nn?.ReLU],
    ['nn.Sequential', nn?.Sequential],
    ['F.crossEntropy', F?.crossEntropy],
    ['optim.SGD', optim?.SGD],
    ['randn', core.randn],
    ['randint', core.randint],
    ['manualSeed', core.manualSeed],
  ]
    .filter(([, v]) => typeof v !== 'function')
    .map(([name]) => name);
}

function i2dlConvStep(core) {
  const conv = new core.nn.Conv2d(1, 6, 5, { dtype: 'float32' });
  const x = core.randn([64, 1, 28, 28], { dtype: 'float32' });
  return () => {
    conv.zeroGrad();
    conv.forward(x).relu().sum().backward();
  };
}

function i2dlMlpStep(core) {
  const { nn, F, optim } = core;
  const dtype = 'float32';
  const mlp = new nn.Sequential(new nn.Linear(784, 256, { dtype }), new nn.ReLU(), new nn.Linear(256, 10, { dtype }));
  const opt = new optim.SGD(mlp.parameters(), { lr: 0.01 });
  const x = core.randn([64, 784], { dtype });
  const y = core.randint(0, 10, [64]);
  return () => {
    opt.zeroGrad();
    F.crossEntropy(mlp.forward(x), y).backward();
    opt.step();
  };
}

/** Runs the workloads; says so, instead of failing, when @i2dl/core lacks a piece. */
export async function benchTraining(core, { quick, race }) {
  const notes = [];
  const missing = missingExports(core);
  if (missing.length > 0) {
    notes.push(`Training steps skipped: @i2dl/core does not export ${missing.join(', ')} (yet).`);
    return { training: [], notes };
  }
  core.manualSeed(0);
  const timing = { rounds: quick ? 3 : 10, warmup: 2 };
  const { conv, mlp } = await race({ conv: i2dlConvStep(core), mlp: i2dlMlpStep(core) }, timing);
  return {
    training: [
      { name: 'conv2d 64×1×28×28, 6 filters 5×5: forward + backward (ReLU, sum)', ms: conv.best, timing: conv },
      { name: 'MLP 784-256-10, batch 64: forward, cross-entropy, backward, SGD step', ms: mlp.best, timing: mlp },
    ],
    notes,
  };
}
