import { ROLES, type Role } from '@runsheet/protocol';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';

export const ROLE_TEXT: Record<Role, string> = {
  admin: 'Admin: everything, including accounts',
  member: 'Member: reads and edits checklists',
  viewer: 'Viewer: reads only',
};

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A role picker. `id`/aria props come from FormField, or an aria-label when it stands in a table row. */
export function RoleSelect({
  value,
  onChange,
  disabled,
  ...aria
}: {
  value: Role;
  onChange: (role: Role) => void;
  disabled?: boolean;
  id?: string;
  'aria-label'?: string;
}) {
  return (
    <Select
      value={value}
      disabled={disabled}
      onValueChange={(next) => {
        if (isRole(next)) onChange(next);
      }}
    >
      <SelectTrigger {...aria} className="min-w-28">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {ROLES.map((role) => (
          <SelectItem key={role} value={role} textValue={role}>
            <span className="capitalize">{role}</span>
            <span className="sr-only"> — {ROLE_TEXT[role]}</span>
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
