import { type ToastHandle, toast } from '@/components/ui/use-toast';

export const UPDATE_TITLE = 'Update available';

/**
 * Offers a waiting new version. It stays until the user acts: closing it keeps the current version,
 * "Reload" activates the new one. Drafts are mirrored to sessionStorage as they are typed, so the reload
 * loses nothing.
 */
export function showUpdateToast(reload: () => void, show: typeof toast = toast): ToastHandle {
  return show({
    title: UPDATE_TITLE,
    description: 'A new version of Runsheet is ready. Anything you are typing is kept.',
    duration: Number.POSITIVE_INFINITY,
    action: { label: 'Reload', altText: 'Reload to use the new version of Runsheet', onClick: reload },
  });
}
