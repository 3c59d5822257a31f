"""Yearly snapshots: the bag and its manifests (bag), making, listing and verifying snapshots (snapshot), the 四性检测 (four_properties, pronom)."""
