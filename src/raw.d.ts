/** A file's text, as a string: `import text from './file.sh?raw'` (Vite in the tests, scripts/build.mjs's raw loader in the bundles). */
declare module '*?raw' {
  const text: string;
  export default text;
}
