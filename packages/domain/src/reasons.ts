/**
 * Every reason a command can refuse, as a stable code. UI text for each lives in `reasonText`; the UI
 * and the API show these, tests assert on the codes. Add codes here, never inline strings elsewhere.
 */
export const REASONS = {
  'name-required': 'A name is required.',
  'name-too-long': 'The name is too long.',
  'cluster-name-taken': 'Another cluster already has this name (names are compared ignoring case).',
  'cluster-not-found': 'That cluster does not exist.',
  'cluster-archived': 'That cluster is archived.',
  'cluster-has-active-customers':
    'A cluster with active customers cannot be archived; move or archive them first.',
  'cluster-not-archived': 'That cluster is not archived.',
  'customer-not-found': 'That customer does not exist.',
  'customer-archived': 'That customer is archived.',
  'customer-not-archived': 'That customer is not archived.',
  'namespace-invalid':
    'A namespace must be a Kubernetes name: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters.',
  'namespace-taken': 'Another active customer in this cluster already uses this namespace.',
  'same-cluster': 'The customer is already in that cluster.',
  'metadata-key-invalid': 'Metadata keys start with a letter and hold only letters, digits, "_" and "-".',
  'kubeconfig-path-invalid': 'The kubeconfig path is not a valid path.',
  'release-not-found': 'That release does not exist.',
  'release-not-draft': 'Only a draft release can be activated.',
  'release-not-active': 'The release must be active for this.',
  'release-archived': 'The release is archived; un-archive it first.',
  'release-not-archived': 'The release is not archived.',
  'version-required': 'A version number is required for a release of type "release".',
  'date-invalid': 'The date must be a real calendar date (YYYY-MM-DD).',
  'no-customers-selected': 'Select at least one customer.',
  'customers-already-in-release': 'All selected customers are already in this release.',
  'template-not-found': 'That template step does not exist.',
  'template-deleted': 'That template step was deleted.',
  'step-not-found': 'That step does not exist.',
  'step-locked': 'This step is done: its content is locked. Revert it first.',
  'step-not-pending': 'Only a pending step can be changed this way.',
  'step-already-done': 'This step is already done.',
  'step-not-done': 'Only a done step can be reverted.',
  'skip-needs-reason': 'Skipping a step needs a reason.',
  'revert-needs-reason': 'Reverting a step needs a reason.',
  'not-overridden': 'This step is not overridden.',
  'not-custom': 'Only a custom step can be edited or deleted this way.',
  'content-too-long': 'The content is too long.',
  'position-invalid': 'That position does not exist in this list.',
  'customer-not-in-release': 'That customer is not part of this release.',
  'step-already-skipped': 'This step is already skipped.',
  'step-already-pending': 'This step is already pending.',
  'custom-step-not-overridable': 'A custom step belongs to one customer: edit it instead of overriding it.',
  'customer-not-usable': 'That customer cannot take part: it is archived or its cluster is archived.',
  'conflict-not-found': 'That conflict is not listed any more (it may have been resolved elsewhere).',
  'metadata-value-too-long': 'A metadata value is too long.',
  'text-too-long': 'This text is too long.',
  'invalid-input': 'The input is not valid.',
  'import-invalid': 'The file has problems, listed with where they are; nothing was imported.',
  'import-row-invalid': 'Some rows have problems; fix them or leave them out. Nothing was imported.',
  // Frozen releases (ST-15): bytes that cannot be read as one.
  'frozen-not-a-release': 'This is not a frozen Runsheet release.',
  'frozen-damaged': 'This frozen release is damaged: its content does not match its hash.',
  'frozen-newer-format': 'This frozen release was made by a newer Runsheet; update to open it.',
  'wave-not-found': 'That wave does not exist in this release.',
  'wave-name-taken': 'Another wave of this release already has this name.',
  'too-many-waves': 'A release can have at most 50 waves.',
  'wave-not-open':
    "This step's wave is not open yet: its gate is closed. The step can be read and copied, not marked done or skipped.",
  'wave-has-no-gate': 'The first wave opens with the release; it has no gate.',
  'wave-has-work': 'Steps of this wave were already done or skipped; it cannot be removed.',
  'customer-has-work':
    'This customer already has steps done or skipped; it cannot move into a wave that is not open.',
  'rollout-started': 'Steps were already done or skipped: change the waves one by one instead of replanning.',
  'gate-already-open': 'This gate is already open.',
  'gate-not-ready': 'The gate is not ready for sign-off: its other conditions are not met yet.',
  'gate-needs-no-sign-off': 'This gate does not ask for a sign-off.',
  'gate-already-signed-off': 'This gate is already signed off.',
  'previous-wave-not-open': 'The wave before this one is not open yet.',
  'open-needs-reason': 'Opening a gate early needs a reason.',
  'rollout-halted': 'The rollout is halted: waves that are not complete are locked until it is resumed.',
  'rollout-not-halted': 'The rollout is not halted.',
  'halt-needs-reason': 'Halting the rollout needs a reason.',
  'resume-needs-reason': 'Resuming the rollout needs a reason.',
  'admin-only': 'Only an admin can do this.',
  // Not a rule of the data: the app refuses every command while the signed-in account is a viewer (SY-05).
  'read-only': 'Your account can look but not change anything (viewer).',
} as const;

export type ReasonCode = keyof typeof REASONS;

export function reasonText(code: ReasonCode): string {
  return REASONS[code];
}
