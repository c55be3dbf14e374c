"""Writes python-fernet.json: tokens made by Python's `cryptography.fernet`, as the original Lilux stored them.

Run with python3 and the `cryptography` package: python3 make-python-fixtures.py
"""
import json
from cryptography.fernet import Fernet

key = Fernet.generate_key()
secrets = ["binance-api-key-0123456789abcdef", "s3cr3t/with+symbols=and ünïcödé", ""]
cases = [{"plaintext": s, "token": Fernet(key).encrypt(s.encode("utf-8")).decode("ascii")} for s in secrets]
with open("python-fernet.json", "w") as out:
    json.dump({"key": key.decode("ascii"), "cases": cases}, out, indent=2, ensure_ascii=False)
    out.write("\n")
