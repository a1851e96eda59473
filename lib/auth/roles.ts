import { userRole } from "@/db/schema";
import type { CurrentUser, Role } from "./users";

// Who may do what, in one place (as Payload's src/access/): every command, page, action, route
// and component asks one of these named predicates instead of listing roles itself. The role
// list is the database enum's (db/schema.ts), so a new role is added in one place and then
// given its rights here. Rights follow the rank: a role may do everything the roles below it may.

/** Every role, highest first: the order of the enum in db/schema.ts. */
export const ROLES = userRole.enumValues;

type Someone = Pick<CurrentUser, "role">;

/** 0 for the highest role; a role outranks another when its rank is lower. */
const rankOf = (role: Role): number => ROLES.indexOf(role);

/** Whether moving someone from `from` to `to` takes rights away. */
export const isDemotion = (from: Role, to: Role): boolean => rankOf(to) > rankOf(from);

const atLeast =
  (lowest: Role) =>
  (someone: Someone): boolean =>
    rankOf(someone.role) <= rankOf(lowest);

/** Publishing, scheduling, unpublishing and corrections. */
export const canPublish = atLeast("editor");
/** Sending a story in review back to its writer with a note. */
export const canSendBack = atLeast("editor");
/** Editing, and opening, any story at all, whoever wrote it and whatever its status. */
export const canEditAnyStory = atLeast("editor");
/** Deciding on comments and the comment settings; seeing the comments on every story. */
export const canModerate = atLeast("editor");
/** The live desk: streams, their addresses and the programme. */
export const canRunLiveDesk = atLeast("editor");
/** Adding people, changing their roles, disabling them, resetting their passwords and tokens. */
export const canManagePeople = atLeast("admin");
/** Creating and editing author profiles (bylines), staff and contributors alike. */
export const canManageAuthors = atLeast("editor");
/** Creating, renaming and moving sections. */
export const canManageSections = atLeast("admin");
/** The site settings: name, description, time zone, logo, comment defaults. */
export const canManageSite = atLeast("admin");
/** The front page: pinned stories and the breaking-news banner. */
export const canEditFrontPage = atLeast("editor");
/** Deleting a story in the trash for good at once, before the sweeper does. */
export const canPurgeStories = atLeast("editor");
/** The site's daily views on the dashboard (everyone sees their stories' views and today's top stories). */
export const canSeeSiteViews = atLeast("editor");
/** Deleting an image someone else uploaded (when nothing uses it). */
export const canDeleteAnyMedia = atLeast("editor");
/** Held to two-factor sign-in when REQUIRE_2FA=1 (lib/auth/two-factor.ts). */
export const mustUseTwoFactorWhenRequired = atLeast("admin");
/** Browsing the audit log. */
export const canReadAuditLog = atLeast("admin");
/** Revoking an API token that belongs to someone else. */
export const canRevokeAnyToken = atLeast("admin");

/** The roles for which `can` holds: for a question asked in SQL (`inArray(users.role, …)`). */
export const rolesThat = (can: (someone: Someone) => boolean): Role[] => ROLES.filter((role) => can({ role }));

/** The role of the first account of a new newsroom: the highest, so it may manage people. */
export const FIRST_ACCOUNT_ROLE: Role = ROLES[0];
/** The role the people page offers first for someone new: the lowest, the column's default too. */
export const NEW_PERSON_ROLE: Role = ROLES[ROLES.length - 1] ?? FIRST_ACCOUNT_ROLE;
