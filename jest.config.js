/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  // Jest takes one worker on two cores; most suites wait on HTTP and Redis, so two keep CI under 15 minutes.
  maxWorkers: 2,
  // pptxgenjs cannot lazy-load node:fs inside jest's sandbox; see the file.
  setupFiles: ['<rootDir>/test/support/pptx-in-jest.ts'],
};
