// Layering rules (STYLE.md "Layout"): imports point one way, pure layers import nothing else from src/,
// and a folder is entered only through its index.ts.
/** @type {import('dependency-cruiser').IDependencyCruiserConfig} */
module.exports = {
  forbidden: [
    {
      name: 'pure-layers-stay-pure',
      comment: 'engine and sigv4 import nothing from other src/ folders',
      severity: 'error',
      from: { path: '^src/(engine|sigv4)/' },
      to: { path: '^src/', pathNot: '^src/$1/' },
    },
    {
      name: 'pure-layers-no-runtime-dependencies',
      comment: 'engine and sigv4 have no runtime dependencies: no npm packages',
      severity: 'error',
      from: { path: '^src/(engine|sigv4)/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg'] },
    },
    {
      name: 'engine-no-node-built-ins',
      comment: 'the engine does no I/O and runs anywhere: no node: built-ins',
      severity: 'error',
      from: { path: '^src/engine/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'sigv4-only-crypto',
      comment: 'signature verification needs hashing and HMAC, and no other built-in',
      severity: 'error',
      from: { path: '^src/sigv4/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    },
    {
      name: 'engine-folders-through-index',
      comment: 'inside the engine, another folder is entered only through its index.ts',
      severity: 'error',
      from: { path: '^src/engine/([^/]+)/' },
      to: { path: '^src/engine/([^/]+)/', pathNot: ['^src/engine/$1/', '^src/engine/[^/]+/index\\.ts$'] },
    },
    {
      name: 'layers-through-index',
      comment: 'a top-level src/ folder is entered only through its index.ts',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/([^/]+)/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'domain-layers-below-server',
      comment: 'only server and cli compose; services never import server or cli',
      severity: 'error',
      from: { path: '^src/(engine|sigv4|domain|store|sts|services|protocol|imds)/' },
      to: { path: '^src/(server|cli|console)/' },
    },
    {
      name: 'peers-only-in-bench-and-tests',
      comment: 'comparison peers are devDependencies used by bench/ and test/ only',
      severity: 'error',
      from: { path: '^src/', pathNot: ['\\.test\\.ts$', '/test-support/'] },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
