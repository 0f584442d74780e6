import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/releases/$releaseId_/step/$templateId')({
  component: () => null,
});
