declare module 'diff-match-patch' {
  export default class DiffMatchPatch {
    Diff_Timeout: number;
    diff_main(a: string, b: string): Array<[number, string]>;
  }
}
