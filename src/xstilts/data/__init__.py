"""Data stages: fetch (download, checksum, unpack), prepare (tokenize, cache), demo world."""
