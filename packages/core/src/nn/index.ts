// The nn namespace: modules, layers, recurrent layers, summary and receptive field.
export {
  AvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  type BatchNormOptions,
  Conv2d,
  type Conv2dLayerOptions,
  ConvTranspose2d,
  type ConvTranspose2dLayerOptions,
  Dropout,
  Flatten,
  Identity,
  LeakyReLU,
  Linear,
  LogSoftmax,
  MaxPool2d,
  type ParamOptions,
  ReLU,
  Sequential,
  Sigmoid,
  Softmax,
  Tanh,
  Upsample,
} from './layers.js';
export { type AnyModule, Module, Parameter } from './module.js';
export {
  LSTM,
  LSTMCell,
  type RecurrentOptions,
  RNN,
  RNNCell,
  type RNNOptions,
  type SequenceOptions,
} from './recurrent.js';
export {
  type LayerSummary,
  type ModelSummary,
  type ReceptiveFieldRow,
  receptiveField,
  summary,
  type WindowLayerSpec,
} from './summary.js';
