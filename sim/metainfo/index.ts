/** Reading and writing BitTorrent v1 metainfo (.torrent) files. */
export { buildMetainfo, CREATED_BY, DEFAULT_ANNOUNCE_URL, type MetainfoFields } from "./build.ts";
export { TorrentFormatError } from "./errors.ts";
export { metainfoForContent } from "./for-content.ts";
export {
  infoHash,
  inspectTorrent,
  readTorrentFile,
  type TorrentFile,
  type TorrentFileEntry,
  type TorrentSummary,
} from "./read.ts";
