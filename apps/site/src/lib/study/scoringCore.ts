// The exam scorer of @i2dl/exams, imported by name (as islands/gradingCore.ts does for the
// grader) so the mock page loads only it, on submit, and not the content reader.
export { loadSolver, scoreExam } from '@i2dl/exams';
