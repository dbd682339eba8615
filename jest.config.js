// One runner for unit specs (beside the code) and end-to-end specs (test/).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@geldstroom/(application|event-store|ledger|projections)(/(.*))?$': '<rootDir>/libs/$1/src$2',
  },
  testTimeout: 60000,
};
