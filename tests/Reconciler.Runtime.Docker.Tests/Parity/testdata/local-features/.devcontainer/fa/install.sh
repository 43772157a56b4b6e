#!/bin/sh
echo fa
