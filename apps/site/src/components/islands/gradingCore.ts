// The grader and parser of @i2dl/exams, imported by name so the bundler keeps only them (a
// dynamic import of the package itself would pull in its content reader too). Loaded on demand.
export { grade, loadSolver, parseResponse } from '@i2dl/exams';
