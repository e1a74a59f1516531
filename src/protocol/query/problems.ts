// One failed constraint on one input member, and AWS's ValidationError wording for a list of them:
// `1 validation error detected: Value 'x' at 'userName' failed to satisfy constraint: Member must …` (§5.11).

export interface ValidationProblem {
  /** AWS's member path: lowerCamelCase names, list items as `tags.1.member.key`. */
  readonly path: string;
  /** The offending value as text; null when the member is missing. */
  readonly value: string | null;
  /** Members modelled `sensitive` (passwords, SAML assertions, tokens) are named but not echoed. */
  readonly isSensitive: boolean;
  /** The text after "failed to satisfy constraint: ". */
  readonly constraint: string;
}

/** AWS names members in messages by lowercasing the first letter of the model name (`UserName` → `userName`). */
export function memberPathName(memberName: string): string {
  return memberName.charAt(0).toLowerCase() + memberName.slice(1);
}

export function joinPath(parent: string, memberName: string): string {
  const name = memberPathName(memberName);
  return parent === '' ? name : `${parent}.${name}`;
}

/** The path of the item at 1-based `position` of the list at `listPath`. */
export function itemPath(listPath: string, position: number): string {
  return `${listPath}.${position}.member`;
}

export function describeProblem(problem: ValidationProblem): string {
  const value = problem.value === null ? 'Value null' : problem.isSensitive ? 'Value' : `Value '${problem.value}'`;
  return `${value} at '${problem.path}' failed to satisfy constraint: ${problem.constraint}`;
}

export function validationMessage(problems: readonly ValidationProblem[]): string {
  const count = problems.length;
  const noun = count === 1 ? 'validation error' : 'validation errors';
  return `${count} ${noun} detected: ${problems.map(describeProblem).join('; ')}`;
}
