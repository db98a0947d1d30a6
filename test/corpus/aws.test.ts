import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, scanJson, withRepo } from '../helpers/repo.js';

/**
 * The labelled corpus of other scanners' own fixtures (../shared/corpus/public): staged whole in
 * a real repository and scanned by the built CLI. For the AWS rules: every labelled positive
 * found at its file:line, and nothing reported on a line labelled negative.
 */
const CORPUS = resolve(ROOT, '../shared/corpus/public');

interface Label {
  file: string;
  line: number;
  kind: string;
  positive: boolean;
}

const AWS_RULE: Record<string, string> = {
  'aws-access-key-id': 'aws-access-key-id',
  'aws-secret-access-key': 'aws-secret-access-key',
};

describe.skipIf(!existsSync(CORPUS))('labelled corpus (../shared/corpus/public)', () => {
  it('finds every AWS positive and flags no labelled negative', () =>
    withRepo((repo) => {
      cpSync(CORPUS, join(repo.dir, 'corpus'), { recursive: true });
      repo.git('add', '.');
      const labels = JSON.parse(readFileSync(join(CORPUS, 'labels.json'), 'utf8')) as Label[];
      const { report } = scanJson(repo);
      const found = new Set(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`));
      const positives = labels.filter((l) => l.positive && AWS_RULE[l.kind] !== undefined);
      expect(positives.length).toBeGreaterThanOrEqual(6);
      const missed = positives.filter((l) => !found.has(`${AWS_RULE[l.kind]} corpus/${l.file}:${l.line}`));
      expect(missed).toEqual([]);
      const negatives = new Set(
        labels.filter((l) => !l.positive && l.kind !== 'unlabelled').map((l) => `corpus/${l.file}:${l.line}`),
      );
      const falsePositives = report.findings.filter((f) => negatives.has(`${f.file}:${f.line}`));
      expect(falsePositives).toEqual([]);
    }));
});
