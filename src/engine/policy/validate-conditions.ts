// Rules for Condition blocks (§3.1, §3.2): known operators, where IfExists and the set qualifiers apply,
// condition keys with a service prefix, and values that suit the operator's family.

import type { Statement } from './ast.js';
import { allowsIfExists, conditionOperator } from './operators.js';
import { conditionValueProblem } from './validate-condition-values.js';
import { flag, itemPointer, parentPointer, type Report } from './validate-report.js';

/** A prefix, a colon, and a name: "aws:SourceIp", "token.actions.githubusercontent.com:sub", "aws:ResourceTag/x:y". */
const CONDITION_KEY = /^[^:\s]+:\S/;

export function checkConditions(report: Report, statement: Statement): void {
  const clauses = statement.conditions;
  clauses.forEach((clause, c) => {
    const info = conditionOperator(clause.baseOperator);
    // The clauses of one operator share its pointer; a finding about the operator is reported at the first.
    const operatorPointer = (): string => parentPointer(clause.pointer);
    const isFirstOfOperator = (): boolean => {
      const pointer = operatorPointer();
      return !clauses.slice(0, c).some((other) => parentPointer(other.pointer) === pointer);
    };
    if (info === undefined || (clause.ifExists && !allowsIfExists(info.family))) {
      if (isFirstOfOperator()) {
        const why = info === undefined ? '' : ': Null tests whether the key exists, so it cannot take IfExists';
        flag(report, 'unknown-condition-operator', `Unknown condition operator ${clause.operator}${why}.`, operatorPointer(), 'key');
      }
      return;
    }
    if (info.family === 'Null' && clause.qualifier !== 'none' && isFirstOfOperator()) {
      const message = `${clause.qualifier}: has no meaning with Null, which tests whether the key exists at all.`;
      flag(report, 'set-qualifier-on-null', message, operatorPointer(), 'key');
    }
    if (!CONDITION_KEY.test(clause.key)) {
      // AWS's wording for a key without a service prefix (observed); also used for actions.
      flag(report, 'invalid-condition-key', 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.', clause.pointer, 'key');
    }
    clause.values.forEach((value, i) => {
      const problem = conditionValueProblem(info.family, value);
      if (problem === undefined) return;
      const message = `${JSON.stringify(value)} ${problem}, so ${clause.baseOperator} cannot compare with it.`;
      flag(report, 'invalid-condition-value', message, itemPointer(report, clause.pointer, i, clause.values.length));
    });
  });
}
