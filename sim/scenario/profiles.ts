/**
 * `protocol.profile`: one word for a real client's defaults. Every key a
 * profile sets can still be written on its own, and an explicit key wins
 * (resolve.ts). The values are in the units users write and are documented,
 * with their sources, in docs/profiles.md.
 *
 * - `mainline`: BEP 3 and the mainline 3.x client (Cohen 2003): four upload
 *   slots, one of them optimistic and drawn at random (new peers 3× as
 *   likely), a 10 s rechoke on the 20 s rolling rate, a seed unchoking the
 *   peers it uploads to fastest, a fixed backlog of 5 requests, strict
 *   priority, no start-up to speak of. BitTorrent message framing is charged
 *   to the links; its rate limiter counted no TCP/IP headers.
 * - `libtorrent`: libtorrent-rasterbar 2.0.8's defaults (src/settings_pack.cpp)
 *   and the rules in src/choker.cpp, src/session_impl.cpp,
 *   src/peer_connection.cpp, src/request_blocks.cpp, src/piece_picker.cpp and
 *   include/libtorrent/stat.hpp, as cited beside each mechanism.
 *
 * The default is `libtorrent`: qBittorrent and Deluge, the most used desktop
 * clients, are built on it (docs/profiles.md, "Why libtorrent is the default").
 */

export const PROFILE_NAMES = ["libtorrent", "mainline"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export const DEFAULT_PROFILE: ProfileName = "libtorrent";

/** The protocol keys a profile sets, as a scenario file would write them. */
export interface ProfileProtocol {
  readonly unchoke_slots: number;
  readonly optimistic_slots: number | "auto";
  readonly optimistic_choice: "random" | "longest-waiting";
  readonly rechoke_interval: string;
  readonly optimistic_interval: string;
  readonly choker: "tit-for-tat" | "tit-for-tat-rr";
  readonly seed_choker: "fastest-upload" | "round-robin";
  readonly seeding_piece_quota: number;
  readonly seeding_min_unchoke: string;
  readonly pipeline_depth: number;
  readonly request_queue_time: string;
  readonly max_out_request_queue: number;
  readonly whole_pieces_threshold: string;
  readonly message_overhead: boolean;
  readonly ip_overhead: boolean;
  readonly rate_limit_tick: string;
  readonly preemptive_unchoke: boolean;
  readonly allowed_fast_set_size: number;
}

export interface Profile {
  readonly protocol: ProfileProtocol;
  /** `groups[].startup_delay` of every group that does not set its own. */
  readonly startup_delay: string;
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  mainline: {
    protocol: {
      unchoke_slots: 4, // BEP 3: "unchoking four peers"; mainline max_uploads 4
      optimistic_slots: 1, // BEP 3: "a single optimistic unchoke"
      optimistic_choice: "random", // mainline Choker.py: random, new connections 3×
      rechoke_interval: "10s", // BEP 3: "every ten seconds"
      optimistic_interval: "30s", // BEP 3: "every 30 seconds"
      choker: "tit-for-tat", // BEP 3: best downloaders on a rolling 20 s rate, anti-snubbing
      seed_choker: "fastest-upload", // mainline 3.x Choker.py: a seed ranks by upload rate
      seeding_piece_quota: 20, // not used by fastest-upload
      seeding_min_unchoke: "0s", // not used by fastest-upload
      pipeline_depth: 5, // mainline request_backlog 5
      request_queue_time: "0s", // fixed backlog
      max_out_request_queue: 500, // not used with a fixed backlog
      whole_pieces_threshold: "0s", // strict priority only
      message_overhead: true, // BEP 3 framing is on the wire for every client
      ip_overhead: false, // mainline's RateLimiter counts socket bytes, not TCP/IP headers
      rate_limit_tick: "0s", // the links' rates are continuous
      preemptive_unchoke: false, // unchokes at the rechoke and when a peer turns interested (the model before profiles)
      allowed_fast_set_size: 0, // mainline 3.x has no BEP 6 Fast Extension
    },
    startup_delay: "0s",
  },
  libtorrent: {
    protocol: {
      unchoke_slots: 8, // settings_pack.cpp unchoke_slots_limit 8
      optimistic_slots: "auto", // num_optimistic_unchoke_slots 0 = max(1, slots / 5) (session_impl.cpp)
      optimistic_choice: "longest-waiting", // session_impl.cpp last_optimistic_unchoke_cmp
      rechoke_interval: "15s", // unchoke_interval 15
      optimistic_interval: "30s", // optimistic_unchoke_interval 30
      choker: "tit-for-tat-rr", // choker.cpp unchoke_compare_rr: last round's bytes, then round robin
      seed_choker: "round-robin", // seed_choking_algorithm round_robin
      seeding_piece_quota: 20, // seeding_piece_quota 20
      seeding_min_unchoke: "1min", // choker.cpp: quota complete only after minutes(1) unchoked
      pipeline_depth: 4, // peer_connection.hpp m_desired_queue_size = 4 before slow start
      request_queue_time: "3s", // request_queue_time 3
      max_out_request_queue: 500, // max_out_request_queue 500
      whole_pieces_threshold: "20s", // whole_pieces_threshold 20
      message_overhead: true, // the bandwidth manager meters whole messages
      ip_overhead: true, // rate_limit_ip_overhead true (stat.hpp trancieve_ip_packet)
      rate_limit_tick: "500ms", // tick_interval 500: quota handed out per tick (bandwidth_manager.cpp)
      // bt_peer_connection.cpp: a free slot unchokes a new connection with the bitfield (session_impl.cpp preemptive_unchoke)
      preemptive_unchoke: true,
      // settings_pack.cpp allowed_fast_set_size is 5 (BEP 6; peer_connection.cpp send_allowed_set),
      // but the model keeps it off until the Qiu–Srikant collapse with it on is understood
      // (docs/model.md, "The Fast Extension"): set protocol.allowed_fast_set_size: 5 to run it.
      allowed_fast_set_size: 0,
    },
    // A torrent added to a fresh session is started at the session's next
    // one-second tick (auto-managed torrents; session_impl.cpp on_tick).
    startup_delay: "1s",
  },
};
