/** First focusable element of every page: lets keyboard users jump past the header. */
export function SkipLink({ target = 'main' }: { target?: string }) {
  return (
    <a
      href={`#${target}`}
      className="sr-only rounded-md bg-primary px-4 py-2 font-medium text-primary-foreground text-sm focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[60] focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2"
    >
      Skip to content
    </a>
  );
}
