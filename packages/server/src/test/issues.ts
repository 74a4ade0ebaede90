/** The error envelope's `details` as field → issue, from an answer that must be 400 VALIDATION_FAILED. */
export function validationIssues(res: { status: number; body: any }): Record<string, string> {
  if (res.status !== 400 || res.body?.error?.code !== 'VALIDATION_FAILED') throw new Error(`expected 400 VALIDATION_FAILED, got ${res.status}: ${JSON.stringify(res.body)}`);
  return Object.fromEntries(res.body.error.details.map((d: { field: string; issue: string }) => [d.field, d.issue]));
}
