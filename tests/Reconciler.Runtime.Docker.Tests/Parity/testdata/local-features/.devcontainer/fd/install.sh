#!/bin/sh
echo fd
