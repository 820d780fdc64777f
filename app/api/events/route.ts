import { withPermission } from "@/lib/auth/route-guard";
import { liveEventsResponse } from "@/lib/live/events-response";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Server-sent events naming the sessions that changed (uuids only), for every open page. */
export const GET = withPermission("sessions:read", (_viewer, request) => liveEventsResponse(request));
