#!/bin/sh
echo fb
