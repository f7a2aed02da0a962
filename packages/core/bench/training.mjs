// Training-step workloads for `pnpm bench`, through the public API of @i2dl/core only:
// conv2d forward + backward for a LeNet-sized batch, and one SGD step of a 784-256-10 MLP.

/** Runs what the package exports; says so, instead of failing, when a piece is not there. */
export async function benchTraining(core, { quick, race }) {
  const training = [];
  const notes = [];
  const { nn, F, optim, randn, randint, manualSeed } = core;
  const missing = [
    ['nn.Conv2d', nn?.Conv2d],
    ['nn.Linear', nn?.Linear],
    ['nn.ReLU', nn?.ReLU],
    ['nn.Sequential', nn?.Sequential],
    ['F.crossEntropy', F?.crossEntropy],
    ['optim.SGD', optim?.SGD],
    ['randn', randn],
    ['randint', randint],
    ['manualSeed', manualSeed],
  ]
    .filter(([, v]) => typeof v !== 'function')
    .map(([name]) => name);
  if (missing.length > 0) {
    notes.push(`Training steps skipped: @i2dl/core does not export ${missing.join(', ')} (yet).`);
    return { training, notes };
  }
  const dtype = 'float32';
  const timing = { rounds: quick ? 3 : 10, warmup: 2 };
  manualSeed(0);

  {
    const conv = new nn.Conv2d(1, 6, 5, { dtype });
    const x = randn([64, 1, 28, 28], { dtype });
    const { step } = await race(
      {
        step: () => {
          conv.zeroGrad();
          conv.forward(x).relu().sum().backward();
        },
      },
      timing,
    );
    const ms = step.best;
    training.push({ name: 'conv2d 64×1×28×28, 6 filters 5×5: forward + backward (ReLU, sum)', ms });
  }

  {
    const mlp = new nn.Sequential(new nn.Linear(784, 256, { dtype }), new nn.ReLU(), new nn.Linear(256, 10, { dtype }));
    const opt = new optim.SGD(mlp.parameters(), { lr: 0.01 });
    const x = randn([64, 784], { dtype });
    const y = randint(0, 10, [64]);
    const { step } = await race(
      {
        step: () => {
          opt.zeroGrad();
          F.crossEntropy(mlp.forward(x), y).backward();
          opt.step();
        },
      },
      timing,
    );
    const ms = step.best;
    training.push({ name: 'MLP 784-256-10, batch 64: forward, cross-entropy, backward, SGD step', ms });
  }
  return { training, notes };
}
