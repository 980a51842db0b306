"""The extraction engine: Document → facts. Only pipeline.py knows the order of steps."""
