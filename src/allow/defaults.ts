/**
 * Built-in allows that spare users the obvious. They are listed in the README, reported with
 * their reason when they apply (never silently), and turned off with "defaults": false in
 * .keygate.json.
 */
export interface DefaultAllow {
  id: string;
  /** Rules it applies to. */
  rules: readonly string[];
  /** Tested against the matched value. */
  value: RegExp;
  reason: string;
}

// The generic rule sees AWS's example secret key too, wherever it is assigned to a secret name.
const AWS_RULES = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token', 'generic-secret'];

export const DEFAULT_ALLOWS: readonly DefaultAllow[] = [
  {
    // AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and their kin: every
    // example in AWS's documentation carries EXAMPLE.
    id: 'aws-documentation-example',
    rules: AWS_RULES,
    value: /EXAMPLE/,
    reason: 'default: AWS documentation example key',
  },
];
