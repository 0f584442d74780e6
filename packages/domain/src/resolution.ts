/** A way out of a conflict, named by the command that does it (the UI maps it to a button). */
export interface Resolution {
  command:
    | 'updateCluster'
    | 'archiveCluster'
    | 'restoreCluster'
    | 'updateCustomer'
    | 'moveCustomer'
    | 'archiveCustomer'
    | 'reviewConflict'
    | 'markDone'
    | 'skipStep'
    | 'revertStep'
    | 'reopenStep'
    | 'addTemplate'
    | 'signOffGate'
    | 'resumeRollout';
  label: string;
}
