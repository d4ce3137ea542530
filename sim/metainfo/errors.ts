/** A .torrent that cannot be read: the message says what is wrong and, where it helps, at which byte. */
export class TorrentFormatError extends Error {
  override readonly name = "TorrentFormatError";
}
