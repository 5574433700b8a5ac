/** Jest runs the TypeScript sources through ts-jest; the package names map to src/. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^hf-serving-constructs$': '<rootDir>/src/index.ts',
    '^hf-serving-constructs/pulumi$': '<rootDir>/src/pulumi/index.ts',
    '^hf-serving-constructs/core$': '<rootDir>/src/core/index.ts',
  },
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 60000,
};
