import { IconButton } from '../../../components/button.tsx';
import { SignOutIcon } from '../../../components/icons.tsx';
import { useSignOutMutation } from '../api/sign-out-mutation.ts';

export function SignOutButton() {
  const signOut = useSignOutMutation();
  return (
    <IconButton aria-label="Sign out" tone="header" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      <SignOutIcon />
    </IconButton>
  );
}
