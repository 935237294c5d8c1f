/**
 * pptxgenjs, when it sees Node (`process.release.name === 'node'`), starts loading node:fs and
 * node:https with a dynamic import() that it never awaits. Jest's CommonJS sandbox refuses dynamic
 * import() without --experimental-vm-modules, so that load rejects and fails whichever test built a
 * PowerPoint. Our exports embed no images or media, so pptxgenjs needs neither module: inside the
 * test sandbox only (jest gives each test file its own `process` object), it takes the path it
 * takes in a browser. Loaded for every test file by jest.config.js (setupFiles).
 */
Object.defineProperty(process, 'release', { value: { ...process.release, name: 'jest-sandbox' }, configurable: true });
