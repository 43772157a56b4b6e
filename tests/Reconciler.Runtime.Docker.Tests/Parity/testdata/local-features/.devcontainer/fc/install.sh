#!/bin/sh
echo fc
