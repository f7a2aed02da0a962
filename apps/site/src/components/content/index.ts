// The MDX component vocabulary (CONTRIBUTING.md): exam files use these without imports.
import Blank from './Blank.astro';
import Criterion from './Criterion.astro';
import Erratum from './Erratum.astro';
import Figure from './Figure.astro';
import Item from './Item.astro';
import Mistake from './Mistake.astro';
import ModelAnswer from './ModelAnswer.astro';
import Option from './Option.astro';
import Problem from './Problem.astro';
import Question from './Question.astro';
import Rubric from './Rubric.astro';
import Solution from './Solution.astro';
import Steps from './Steps.astro';
import Why from './Why.astro';

export const examComponents = {
  Problem,
  Question,
  Option,
  Why,
  Item,
  Blank,
  ModelAnswer,
  Rubric,
  Criterion,
  Solution,
  Steps,
  Mistake,
  Figure,
  Erratum,
};
