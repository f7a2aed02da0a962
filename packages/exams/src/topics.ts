import { z } from 'zod';

/** One entry of the shared topic list: topic pages gather questions across exams by these ids. */
export interface Topic {
  id: TopicId;
  title: string;
  description: string;
}

/** Every topic id, in the order topic pages list them (docs/contracts.md). */
export const topicIds = [
  'backpropagation',
  'mlp',
  'activations',
  'losses',
  'cnn',
  'pooling',
  'receptive-field',
  'rnn-lstm',
  'optimization',
  'regularization',
  'batch-norm',
  'initialization',
  'generative-models',
  'segmentation',
  'metrics',
  'training-practice',
  'transformers',
  'linear-models',
  'computational-graphs',
] as const;

/** A topic id from the shared list. */
export type TopicId = (typeof topicIds)[number];

/** zod schema of a topic id; its error lists the valid ids. */
export const topicIdSchema = z.enum(topicIds, {
  error: (issue) => `unknown topic ${JSON.stringify(issue.input)}; topics are: ${topicIds.join(', ')}`,
});

/** The shared topic list with titles and one-line descriptions. */
export const topics: readonly Topic[] = [
  {
    id: 'backpropagation',
    title: 'Backpropagation',
    description: 'Gradients by the chain rule through a network, by hand.',
  },
  {
    id: 'mlp',
    title: 'Multi-layer perceptrons',
    description: 'Fully connected layers: forward pass, shapes and parameter counts.',
  },
  {
    id: 'activations',
    title: 'Activation functions',
    description: 'Sigmoid, tanh, ReLU and friends: values, derivatives, saturation.',
  },
  { id: 'losses', title: 'Loss functions', description: 'MSE, cross-entropy, hinge and others, and their gradients.' },
  {
    id: 'cnn',
    title: 'Convolutional networks',
    description: 'Convolutions: output sizes, parameter counts, kernels and channels.',
  },
  { id: 'pooling', title: 'Pooling', description: 'Max and average pooling, their outputs and gradients.' },
  {
    id: 'receptive-field',
    title: 'Receptive field',
    description: 'How much of the input one unit of a deep layer sees.',
  },
  {
    id: 'rnn-lstm',
    title: 'RNNs and LSTMs',
    description: 'Recurrent networks, gates, unrolling and vanishing gradients.',
  },
  {
    id: 'optimization',
    title: 'Optimization',
    description: 'SGD, momentum, Adam, learning rates and their schedules.',
  },
  {
    id: 'regularization',
    title: 'Regularization',
    description: 'Weight decay, dropout, data augmentation, early stopping.',
  },
  { id: 'batch-norm', title: 'Batch normalization', description: 'Normalization layers at training and test time.' },
  {
    id: 'initialization',
    title: 'Weight initialization',
    description: 'Xavier and He initialization and why variance matters.',
  },
  { id: 'generative-models', title: 'Generative models', description: 'Autoencoders, VAEs and GANs.' },
  {
    id: 'segmentation',
    title: 'Segmentation and detection',
    description: 'Dense prediction: upsampling, U-Net, detection heads.',
  },
  { id: 'metrics', title: 'Metrics', description: 'Accuracy, precision, recall, IoU and confusion matrices.' },
  {
    id: 'training-practice',
    title: 'Training in practice',
    description: 'Data splits, overfitting, debugging and hyperparameter search.',
  },
  {
    id: 'transformers',
    title: 'Transformers and attention',
    description: 'Attention, self-attention and transformer blocks.',
  },
  {
    id: 'linear-models',
    title: 'Linear models',
    description: 'Linear and logistic regression, least squares, decision boundaries.',
  },
  {
    id: 'computational-graphs',
    title: 'Computational graphs',
    description: 'Drawing a computation as a graph and reading gradients off it.',
  },
];
